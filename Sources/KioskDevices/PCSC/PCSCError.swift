import CPCSCLite

/// A pcsc-lite return code as a typed error, with what to do about it.
public enum PCSCError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// `SCARD_E_NO_SERVICE` / `SCARD_E_SERVICE_STOPPED`: pcscd is not running.
    case noService
    /// `SCARD_E_INVALID_HANDLE`: the context or card handle is dead (pcscd restarted).
    case invalidHandle
    /// `SCARD_E_TIMEOUT`.
    case timeout
    /// `SCARD_E_CANCELLED`: SCardCancel ended the wait.
    case cancelled
    /// `SCARD_E_NO_READERS_AVAILABLE`.
    case noReaders
    /// `SCARD_E_UNKNOWN_READER` / `SCARD_E_READER_UNAVAILABLE`.
    case unknownReader
    /// `SCARD_E_NO_SMARTCARD` / `SCARD_W_REMOVED_CARD`: no card, or it was taken out.
    case noCard
    /// `SCARD_W_RESET_CARD`: another program reset the card.
    case cardReset
    /// `SCARD_E_SHARING_VIOLATION`: another program holds the card exclusively.
    case sharingViolation
    /// `SCARD_W_UNRESPONSIVE_CARD` / `SCARD_W_UNPOWERED_CARD` / `SCARD_E_PROTO_MISMATCH`.
    case unresponsiveCard
    /// `SCARD_F_COMM_ERROR` / `SCARD_E_NOT_TRANSACTED`: the exchange with the reader failed.
    case communication
    /// Any other code.
    case other(UInt32)

    /// The error for a pcsc-lite return value, nil for `SCARD_S_SUCCESS`.
    public init?(code: LONG) {
        let value = UInt32(truncatingIfNeeded: code)
        switch value {
        case 0: return nil
        case 0x8010_001D, 0x8010_001E: self = .noService
        case 0x8010_0003: self = .invalidHandle
        case 0x8010_000A: self = .timeout
        case 0x8010_0002: self = .cancelled
        case 0x8010_002E: self = .noReaders
        case 0x8010_0009, 0x8010_0017: self = .unknownReader
        case 0x8010_000C, 0x8010_0069: self = .noCard
        case 0x8010_0068: self = .cardReset
        case 0x8010_000B: self = .sharingViolation
        case 0x8010_0066, 0x8010_0067, 0x8010_000F: self = .unresponsiveCard
        case 0x8010_0013, 0x8010_0016: self = .communication
        default: self = .other(value)
        }
    }

    /// Throws the error for `code` unless it is success.
    static func check(_ code: LONG) throws(PCSCError) {
        if let error = PCSCError(code: code) { throw error }
    }

    /// Whether the context must be established again (pcscd went away or restarted).
    public var needsNewContext: Bool { self == .noService || self == .invalidHandle }

    public var description: String {
        switch self {
        case .noService: "pcscd is not running — start it (`systemctl start pcscd.socket`)"
        case .invalidHandle: "the PC/SC handle is no longer valid (pcscd restarted) — reconnecting"
        case .timeout: "timed out"
        case .cancelled: "cancelled"
        case .noReaders: "no smart-card reader is connected — check the reader's USB cable"
        case .unknownReader: "the reader is gone — check the reader's USB cable"
        case .noCard: "no card in the reader, or it was taken out"
        case .cardReset: "another program reset the card — read it again"
        case .sharingViolation: "another program holds the card — stop it or restart pcscd"
        case .unresponsiveCard: "the card does not answer — it may be inserted the wrong way round or damaged"
        case .communication: "the exchange with the reader failed — replug the reader"
        case .other(let code): "pcsc-lite error 0x\(String(code, radix: 16, uppercase: true))"
        }
    }
}
