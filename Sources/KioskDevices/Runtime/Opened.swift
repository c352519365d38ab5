import KioskCore

/// A driver opened by a managed device, or the report that says why it could not be.
enum Opened<Driver: Sendable>: Sendable {
    case open(Driver)
    case failed(ProbeReport)
}
