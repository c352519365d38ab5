/// How urgent a fault is; the `severity` alert label.
public enum FaultSeverity: String, Sendable, Codable, CaseIterable, Comparable {
    /// Services are down for citizens until someone acts.
    case critical
    /// Something will fail soon or a service is degraded.
    case warning
    /// Worth knowing, nobody is paged.
    case info

    private var rank: Int {
        switch self {
        case .critical: 2
        case .warning: 1
        case .info: 0
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
