/// Where a session is: running, or how it ended.
public enum SessionState: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    case finished
    case cancelled
    case expired
    case failed
}
