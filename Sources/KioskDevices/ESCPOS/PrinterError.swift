/// Why a receipt printer cannot print or answer, with what to do about it.
///
/// The refusals (`paperOut`, `coverOpen`, `offline`, `cutterError`, `unrecoverable`, `recovering`)
/// come before anything is sent: the receipt is not lost, the caller can offer it again later or
/// another way. `interrupted` comes after the job was sent: the receipt may be incomplete.
public enum PrinterError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// No paper; nothing was printed.
    case paperOut(paperWidth: PaperWidth)
    /// The cover is open; nothing was printed.
    case coverOpen
    /// The printer is offline with no cause it names; nothing was printed.
    case offline
    /// The autocutter failed; nothing was printed.
    case cutterError
    /// The printer reports an unrecoverable error; nothing was printed.
    case unrecoverable
    /// The printer is recovering from a temporary error (head too hot…); nothing was printed.
    case recovering
    /// The job was sent and then something went wrong: the receipt may be incomplete.
    case interrupted(InterruptionCause)
    /// The printer did not answer a status request in time (switched off, wrong baud rate, no IN endpoint).
    case noAnswer(device: String, after: Duration)
    /// The printer went away: unplugged, powered off, cable pulled.
    case disconnected(device: String)
    /// The printer or port could not be opened or used.
    case unavailable(device: String, reason: String)
    /// The receipt cannot be encoded; nothing was sent.
    case invalidReceipt(ReceiptError)
    /// The calling task was cancelled before the job was sent.
    case cancelled

    /// What went wrong after the job was sent.
    public enum InterruptionCause: Sendable, Equatable, Hashable, CustomStringConvertible {
        case paperEnd
        case coverOpen
        case offline
        case cutterError
        case unrecoverable
        case recovering
        /// The printer stopped answering status requests.
        case noAnswer
        /// The printer went away.
        case disconnected
        /// The printer kept answering but never confirmed it had printed the job (`GS r 1`).
        case notConfirmed
        /// The calling task was cancelled while the job was out.
        case cancelled

        /// A stable name: `paperEnd`, `notConfirmed`…
        public var code: String {
            switch self {
            case .paperEnd: "paperEnd"
            case .coverOpen: "coverOpen"
            case .offline: "offline"
            case .cutterError: "cutterError"
            case .unrecoverable: "unrecoverable"
            case .recovering: "recovering"
            case .noAnswer: "noAnswer"
            case .disconnected: "disconnected"
            case .notConfirmed: "notConfirmed"
            case .cancelled: "cancelled"
            }
        }

        public var description: String {
            switch self {
            case .paperEnd: "the paper ran out"
            case .coverOpen: "the cover was opened"
            case .offline: "the printer went offline"
            case .cutterError: "the cutter failed"
            case .unrecoverable: "the printer reported an unrecoverable error"
            case .recovering: "the printer stopped on a temporary error"
            case .noAnswer: "the printer stopped answering"
            case .disconnected: "the printer was disconnected"
            case .notConfirmed: "the printer did not confirm the end of the job"
            case .cancelled: "printing was cancelled"
            }
        }
    }

    /// A stable name for scripts and the API: `paperOut`, `interrupted.paperEnd`…
    public var code: String {
        switch self {
        case .paperOut: "paperOut"
        case .coverOpen: "coverOpen"
        case .offline: "offline"
        case .cutterError: "cutterError"
        case .unrecoverable: "unrecoverable"
        case .recovering: "recovering"
        case .interrupted(let cause): "interrupted.\(cause.code)"
        case .noAnswer: "noAnswer"
        case .disconnected: "disconnected"
        case .unavailable: "unavailable"
        case .invalidReceipt: "invalidReceipt"
        case .cancelled: "cancelled"
        }
    }

    public var description: String {
        switch self {
        case .paperOut(let width):
            "receipt paper out — replace the \(width.rawValue) mm roll"
        case .coverOpen:
            "receipt printer cover open — close the cover (check the roll sits right)"
        case .offline:
            "receipt printer offline — check power and the online state on its panel"
        case .cutterError:
            "receipt printer cutter error — open the cover, clear jammed paper from the cutter, close it; call service if it persists"
        case .unrecoverable:
            "receipt printer unrecoverable error — switch the printer off and on; call service if it persists"
        case .recovering:
            "receipt printer recovering from a temporary error (print head too hot?) — try again in a minute"
        case .interrupted(let cause):
            "the receipt may be incomplete: \(cause) after the job was sent — check the printed receipt and offer a reprint"
        case .noAnswer(let device, let after):
            "receipt printer \(device) did not answer a status request within \(after) — check that it is switched on, and the cable, baud rate and endpoints in its profile"
        case .disconnected(let device):
            "receipt printer \(device) disconnected — check its power and cable"
        case .unavailable(let device, let reason):
            "receipt printer \(device) cannot be used: \(reason)"
        case .invalidReceipt(let problem):
            "the receipt cannot be printed: \(problem)"
        case .cancelled:
            "printing was cancelled before the job was sent"
        }
    }
}
