import KioskStore

/// Why a maintenance window could not be started or stopped.
public enum MaintenanceError: Error, Sendable, CustomStringConvertible {
    /// `stop` with no window running.
    case notActive
    /// A length that is zero, negative or longer than allowed.
    case invalidDuration(seconds: Int, maximum: Int)
    /// No reason given.
    case missingReason
    /// The store failed.
    case store(StoreError)

    public var description: String {
        switch self {
        case .notActive:
            "no maintenance window is running; start one with `kioskctl maintenance start --reason … --for 30m`"
        case .invalidDuration(let seconds, let maximum):
            "a maintenance window of \(seconds) s cannot be used; give a length between 1 s and \(maximum / 3600) h"
        case .missingReason:
            "say why with --reason (e.g. \"replacing the receipt printer\"); it is shown on the Alertmanager silence"
        case .store(let error):
            "\(error)"
        }
    }
}
