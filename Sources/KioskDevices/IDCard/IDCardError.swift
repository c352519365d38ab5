import KioskCore

/// Why reading a card or talking to the reader failed, with what to do about it. Messages never hold personal data.
public enum IDCardError: Error, Sendable, Equatable, Hashable {
    /// `read()`: no card is on the reader (or, on most modules, the card just read must be lifted and presented again).
    case noCard
    /// `waitForCard`: no card was presented in time.
    case noCardPresented(within: Duration)
    /// `waitForCard`: the card read before stayed on the reader; it is not read twice.
    case previousCardNotLifted(within: Duration)
    /// The card was found and selected, then left the reader before its data was read.
    case cardLiftedDuringRead
    /// Reading the card kept failing (the module answered 0x41 or 0x81).
    case readFailed(IDCardStatus, attempts: Int)
    /// The card failed authentication or is not a resident ID card.
    case cardRejected(IDCardStatus)
    /// The SAM module is faulty or not authorised: hardware, an engineer must act.
    case samFailure(IDCardStatus)
    /// The reader did not answer `command`.
    case noAnswer(command: String, attempts: Int)
    /// Frames from the reader kept arriving damaged.
    case communication(IDCardCodecError, attempts: Int)
    /// The module kept reporting that it received damaged frames (SW3 0x10 or 0x11).
    case moduleReportedLineErrors(IDCardStatus, attempts: Int)
    /// The module does not support `command` (SW3 0x21).
    case commandNotSupported(command: String)
    /// The module answered `command` with a status that makes no sense there.
    case unexpectedStatus(command: String, status: IDCardStatus)
    /// The card's data is malformed or fails its checks (a wrong ID-number check digit included).
    case invalidCardData(IDCardDataError)
    /// The serial or USB transport failed.
    case transport(String)
    /// The reader is serving another request (a card read, a probe).
    case busy
    /// The calling task was cancelled.
    case cancelled
    /// The transport is not supported by this driver yet.
    case transportNotSupported(String)
    /// The driver was asked something out of order; a bug in kioskd.
    case internalError(String)

    /// The device state this error stands for, or nil when the device is fine (no card, a citizen's card problem).
    public var deviceState: DeviceState? {
        switch self {
        case .noCard, .noCardPresented, .previousCardNotLifted, .cardLiftedDuringRead, .readFailed, .cardRejected,
            .invalidCardData, .cancelled:
            nil
        case .busy:
            .busy
        case .samFailure, .noAnswer, .communication, .moduleReportedLineErrors, .commandNotSupported, .unexpectedStatus,
            .transport, .transportNotSupported, .internalError:
            .hardwareError
        }
    }
}

extension IDCardError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noCard:
            "no ID card on the reader (a card just read must be lifted and presented again)"
        case .noCardPresented(let within):
            "no ID card was presented within \(within)"
        case .previousCardNotLifted(let within):
            "the ID card read before is still on the reader after \(within): it is not read twice; lift it and present it again"
        case .cardLiftedDuringRead:
            "the ID card was lifted while it was being read: ask the citizen to put it back and hold it still"
        case .readFailed(let status, let attempts):
            "reading the ID card failed \(attempts) times (\(status)): ask the citizen to lay the card flat on the reader and hold it still"
        case .cardRejected(let status):
            "the card was rejected (\(status)): it may be damaged or not a resident ID card; ask the citizen to use the counter"
        case .samFailure(let status):
            "the ID-card reader's SAM module failed (\(status)): hardware fault, have the reader serviced or its SAM replaced"
        case .noAnswer(let command, let attempts):
            "the ID-card reader did not answer \(command) (\(attempts) attempts): check its power and cable, and that the profile's baud rate matches the module"
        case .communication(let error, let attempts):
            "damaged frames from the ID-card reader (\(attempts) attempts); last: \(error)"
        case .moduleReportedLineErrors(let status, let attempts):
            "the ID-card reader kept receiving damaged commands (\(attempts) attempts, \(status)): check the cable and the baud rate"
        case .commandNotSupported(let command):
            "the ID-card reader does not support \(command): if it is the fingerprint read, set read_fingerprint: false in the profile"
        case .unexpectedStatus(let command, let status):
            "the ID-card reader answered \(command) with \(status): the module may not follow GA 467; check the profile"
        case .invalidCardData(let error):
            "\(error)"
        case .transport(let reason):
            "ID-card reader transport failed: \(reason)"
        case .busy:
            "the ID-card reader is busy with another request; try again when it ends"
        case .cancelled:
            "the ID-card reader request was cancelled"
        case .transportNotSupported(let reason):
            "this ID-card reader transport is not supported yet: \(reason)"
        case .internalError(let reason):
            "ID-card driver bug: \(reason)"
        }
    }
}
