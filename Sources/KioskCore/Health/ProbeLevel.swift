/// How far a health check may go, after UnifiedPOS's checkHealth levels.
public enum ProbeLevel: String, Sendable, Codable, CaseIterable {
    /// No side effects: status queries only. Runs on the schedule and on hot-plug.
    case `internal`
    /// May act on the world (a test print, a card-reader reset); only on a maintainer's request.
    case external
    /// A maintainer stands at the kiosk and confirms what they see (e.g. the touch test).
    case interactive
}
