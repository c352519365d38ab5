/// Where a recorded fault stands.
public enum FaultStatus: String, Sendable, Codable, CaseIterable {
    /// Confirmed and not yet gone.
    case open
    /// Gone: the device is healthy again.
    case resolved
    /// The recovery ladder fixed it before anyone was alerted.
    case recovered
}
