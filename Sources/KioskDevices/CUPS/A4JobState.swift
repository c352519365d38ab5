/// An IPP job state (RFC 8011 `job-state`).
public enum A4JobState: Int32, Sendable, Equatable, CustomStringConvertible {
    case pending = 3, held = 4, processing = 5, stopped = 6, canceled = 7, aborted = 8, completed = 9

    /// Whether the job will not change any more.
    public var isFinal: Bool { rawValue >= 7 }

    public var description: String {
        switch self {
        case .pending: "pending"
        case .held: "held"
        case .processing: "processing"
        case .stopped: "stopped"
        case .canceled: "canceled"
        case .aborted: "aborted"
        case .completed: "completed"
        }
    }
}
