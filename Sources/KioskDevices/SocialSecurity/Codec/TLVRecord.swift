/// One record as the social-security card returns it: tag, length, value (one byte each for tag and length).
public struct TLVRecord: Sendable, Equatable {
    public var tag: UInt8
    public var value: [UInt8]

    public init(tag: UInt8, value: [UInt8]) {
        self.tag = tag
        self.value = value
    }

    /// Parses the record that starts `bytes`, checking its tag when `expected` is given.
    public init(parsing bytes: [UInt8], expected: UInt8? = nil) throws(SocialSecurityCodecError) {
        guard bytes.count >= 2 else { throw .truncatedRecord(tag: bytes.first ?? expected ?? 0, declared: 0, available: max(0, bytes.count - 2)) }
        let tag = bytes[0]
        if let expected, expected != tag { throw .unexpectedTag(expected: expected, found: tag) }
        let length = Int(bytes[1])
        guard bytes.count - 2 >= length else { throw .truncatedRecord(tag: tag, declared: length, available: bytes.count - 2) }
        self.tag = tag
        self.value = Array(bytes[2..<(2 + length)])
    }

    /// The record's bytes: tag, length, value.
    public var bytes: [UInt8] { [tag, UInt8(value.count)] + value }

    /// The value as ASCII text with trailing spaces, NULs and 0xFF padding removed.
    public func asciiText() throws(SocialSecurityCodecError) -> String {
        let trimmed = Self.trimPadding(value)
        guard trimmed.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { throw .invalidText(tag: tag) }
        return String(decoding: trimmed, as: UTF8.self)
    }

    /// The value as GBK text (decoded as GB 18030, its superset) with padding removed.
    public func gbkText() throws(SocialSecurityCodecError) -> String {
        let trimmed = Self.trimPadding(value)
        guard let text = GBKText.decode(trimmed) else { throw .invalidText(tag: tag) }
        return text.trimmingSpaces()
    }

    /// The value as a BCD date `YYYYMMDD` (4 bytes).
    public func bcdDate() throws(SocialSecurityCodecError) -> CardDate {
        guard value.count == 4, let date = CardDate(bcd: value) else { throw .invalidDate(tag: tag) }
        return date
    }

    static func trimPadding(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0, [0x00, 0x20, 0xFF].contains(bytes[end - 1]) { end -= 1 }
        return Array(bytes[..<end])
    }
}

extension String {
    /// Without leading and trailing spaces (ASCII and the ideographic space U+3000).
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\u{3000}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
