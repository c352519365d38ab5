/// SW3, the status byte of every response; SW1 and SW2 are normally 00 00.
public enum IDCardStatus: Sendable, Equatable, Hashable {
    /// 0x90: the operation succeeded.
    case success
    /// 0x9F: find card found a card.
    case cardFound
    /// 0x91: the card does not hold this item (e.g. no appended address).
    case itemNotOnCard
    /// 0x80: find card failed: no card in the field.
    case findFailed
    /// 0x81: select card failed.
    case selectFailed
    /// 0x41: reading the card failed (usually moved or lifted during the read).
    case readFailed
    /// 0x10: the module received a command with a bad checksum.
    case hostChecksumError
    /// 0x11: the module received a command with a bad length.
    case hostLengthError
    /// 0x21: the module does not know the command.
    case badCommand
    /// 0x24: an unknown error in the module.
    case unknownError
    /// 0x31: card authenticating the SAM failed.
    case cardAuthenticationFailed
    /// 0x32: SAM authenticating the card failed.
    case samAuthenticationFailed
    /// 0x33: the information check failed.
    case informationCheckFailed
    /// 0x40: the card is of an unknown type.
    case unknownCardType
    /// 0x47: a random-number error during authentication.
    case randomNumberError
    /// 0x60: the SAM's self-test failed.
    case samSelfTestFailed
    /// 0x66: the SAM is not authorised.
    case samNotAuthorised
    /// A status byte the protocol does not define.
    case unknown(UInt8)

    /// The status for the byte on the wire.
    public init(byte: UInt8) {
        switch byte {
        case 0x90: self = .success
        case 0x9F: self = .cardFound
        case 0x91: self = .itemNotOnCard
        case 0x80: self = .findFailed
        case 0x81: self = .selectFailed
        case 0x41: self = .readFailed
        case 0x10: self = .hostChecksumError
        case 0x11: self = .hostLengthError
        case 0x21: self = .badCommand
        case 0x24: self = .unknownError
        case 0x31: self = .cardAuthenticationFailed
        case 0x32: self = .samAuthenticationFailed
        case 0x33: self = .informationCheckFailed
        case 0x40: self = .unknownCardType
        case 0x47: self = .randomNumberError
        case 0x60: self = .samSelfTestFailed
        case 0x66: self = .samNotAuthorised
        default: self = .unknown(byte)
        }
    }

    /// The byte on the wire.
    public var byte: UInt8 {
        switch self {
        case .success: 0x90
        case .cardFound: 0x9F
        case .itemNotOnCard: 0x91
        case .findFailed: 0x80
        case .selectFailed: 0x81
        case .readFailed: 0x41
        case .hostChecksumError: 0x10
        case .hostLengthError: 0x11
        case .badCommand: 0x21
        case .unknownError: 0x24
        case .cardAuthenticationFailed: 0x31
        case .samAuthenticationFailed: 0x32
        case .informationCheckFailed: 0x33
        case .unknownCardType: 0x40
        case .randomNumberError: 0x47
        case .samSelfTestFailed: 0x60
        case .samNotAuthorised: 0x66
        case .unknown(let byte): byte
        }
    }

    /// True when the SAM module itself is at fault: an engineer must replace or re-authorise it.
    public var isSAMFault: Bool {
        switch self {
        case .samSelfTestFailed, .samNotAuthorised: true
        case .success, .cardFound, .itemNotOnCard, .findFailed, .selectFailed, .readFailed, .hostChecksumError,
            .hostLengthError, .badCommand, .unknownError, .cardAuthenticationFailed, .samAuthenticationFailed,
            .informationCheckFailed, .unknownCardType, .randomNumberError, .unknown:
            false
        }
    }

    /// What the status means, for a maintainer.
    public var meaning: String {
        switch self {
        case .success: "success"
        case .cardFound: "card found"
        case .itemNotOnCard: "the card does not hold this item"
        case .findFailed: "no card found on the reader"
        case .selectFailed: "selecting the card failed"
        case .readFailed: "reading the card failed (card moved or lifted?)"
        case .hostChecksumError: "the module received a command with a bad checksum (line noise?)"
        case .hostLengthError: "the module received a command with a bad length (line noise?)"
        case .badCommand: "the module does not support this command"
        case .unknownError: "unknown error inside the module"
        case .cardAuthenticationFailed: "card-to-SAM authentication failed (damaged or non-genuine card?)"
        case .samAuthenticationFailed: "SAM-to-card authentication failed (damaged or non-genuine card?)"
        case .informationCheckFailed: "the card's information check failed"
        case .unknownCardType: "unknown card type (not a resident ID card?)"
        case .randomNumberError: "random-number error during authentication"
        case .samSelfTestFailed: "the SAM module's self-test failed: the module needs service"
        case .samNotAuthorised: "the SAM module is not authorised: the module needs service"
        case .unknown: "status the protocol does not define"
        }
    }
}

extension IDCardStatus: CustomStringConvertible {
    /// `0x90 success`.
    public var description: String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x\(digits.count < 2 ? "0" + digits : digits) \(meaning)"
    }
}
