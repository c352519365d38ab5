/// Why bytes from a social-security card could not be understood.
public enum SocialSecurityCodecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A response shorter than its two status bytes.
    case responseTooShort(count: Int)
    /// A record whose tag is not the one asked for.
    case unexpectedTag(expected: UInt8, found: UInt8)
    /// A record whose length byte runs past its data.
    case truncatedRecord(tag: UInt8, declared: Int, available: Int)
    /// A BCD date with a nibble above 9 or an impossible month or day.
    case invalidDate(tag: UInt8)
    /// Text that is not in the field's encoding (ASCII or GBK).
    case invalidText(tag: UInt8)

    public var description: String {
        switch self {
        case .responseTooShort(let count):
            "the card answered \(count) byte(s), fewer than a status word — the card or reader is faulty"
        case .unexpectedTag(let expected, let found):
            "the card answered tag \(CardHex.string([found])) when asked for \(CardHex.string([expected])) — not a social-security card layout kioskd knows"
        case .truncatedRecord(let tag, let declared, let available):
            "record \(CardHex.string([tag])) declares \(declared) bytes but carries \(available) — the read was cut short, try again"
        case .invalidDate(let tag):
            "record \(CardHex.string([tag])) is not a BCD date — the card data is damaged"
        case .invalidText(let tag):
            "record \(CardHex.string([tag])) is not valid text — the card data is damaged"
        }
    }
}
