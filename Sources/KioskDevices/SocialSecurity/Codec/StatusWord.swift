/// An ISO 7816-4 status word (SW1 SW2) as the social-security application meets them.
public enum StatusWord: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `9000`.
    case success
    /// `61xx`: `xx` more bytes wait for GET RESPONSE (0 means 256).
    case moreData(available: UInt8)
    /// `6Cxx`: wrong Le; resend the command with Le = `xx`.
    case wrongLength(exact: UInt8)
    /// `6700`: wrong length (Lc or Le) with no hint.
    case wrongLengthNoHint
    /// `6982`: security status not satisfied (PSAM authentication or PIN needed).
    case securityNotSatisfied
    /// `6983`: authentication method blocked.
    case authenticationBlocked
    /// `6A82`: file or application not found.
    case fileNotFound
    /// `6A83`: record not found.
    case recordNotFound
    /// `6A86`: wrong P1 P2.
    case wrongParameters
    /// `6D00`: instruction not supported.
    case instructionNotSupported
    /// `6E00`: class not supported.
    case classNotSupported
    /// Anything else.
    case other(UInt16)

    public init(sw1: UInt8, sw2: UInt8) {
        switch (sw1, sw2) {
        case (0x90, 0x00): self = .success
        case (0x61, _): self = .moreData(available: sw2)
        case (0x6C, _): self = .wrongLength(exact: sw2)
        case (0x67, 0x00): self = .wrongLengthNoHint
        case (0x69, 0x82): self = .securityNotSatisfied
        case (0x69, 0x83): self = .authenticationBlocked
        case (0x6A, 0x82): self = .fileNotFound
        case (0x6A, 0x83): self = .recordNotFound
        case (0x6A, 0x86): self = .wrongParameters
        case (0x6D, 0x00): self = .instructionNotSupported
        case (0x6E, 0x00): self = .classNotSupported
        default: self = .other(UInt16(sw1) << 8 | UInt16(sw2))
        }
    }

    /// The two bytes.
    public var rawValue: UInt16 {
        switch self {
        case .success: 0x9000
        case .moreData(let available): 0x6100 | UInt16(available)
        case .wrongLength(let exact): 0x6C00 | UInt16(exact)
        case .wrongLengthNoHint: 0x6700
        case .securityNotSatisfied: 0x6982
        case .authenticationBlocked: 0x6983
        case .fileNotFound: 0x6A82
        case .recordNotFound: 0x6A83
        case .wrongParameters: 0x6A86
        case .instructionNotSupported: 0x6D00
        case .classNotSupported: 0x6E00
        case .other(let raw): raw
        }
    }

    /// `6A82 file or application not found`.
    public var description: String {
        let hex = CardHex.string([UInt8(rawValue >> 8), UInt8(rawValue & 0xFF)], separator: "")
        switch self {
        case .success: return "\(hex) success"
        case .moreData(let available): return "\(hex) \(available == 0 ? 256 : Int(available)) bytes waiting for GET RESPONSE"
        case .wrongLength(let exact): return "\(hex) wrong Le, the card has \(exact == 0 ? 256 : Int(exact)) bytes"
        case .wrongLengthNoHint: return "\(hex) wrong length"
        case .securityNotSatisfied: return "\(hex) security status not satisfied (PSAM authentication needed)"
        case .authenticationBlocked: return "\(hex) authentication method blocked"
        case .fileNotFound: return "\(hex) file or application not found"
        case .recordNotFound: return "\(hex) record not found"
        case .wrongParameters: return "\(hex) wrong P1 P2"
        case .instructionNotSupported: return "\(hex) instruction not supported"
        case .classNotSupported: return "\(hex) class not supported"
        case .other: return "\(hex) unexpected status"
        }
    }
}
