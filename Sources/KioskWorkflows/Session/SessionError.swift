/// Why a session request was refused; the API maps each case to its status.
public enum SessionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `409`: another session is active.
    case busy(activeID: String)
    /// `404`: no such service.
    case unknownService(String)
    /// `503`: the service cannot be used now; the reason for citizens.
    case unavailable(service: String, reason: LocalizedText)
    /// `404`: no such session (or it ended and was forgotten).
    case unknownSession(String)
    /// `422`: the input was refused.
    case input(SessionInputError)
    /// `503`: the workflows are not running.
    case notRunning

    public var description: String {
        switch self {
        case .busy(let id): "another session (\(id)) is active; wait for it to end or cancel it"
        case .unknownService(let id): "no service \"\(id)\"; GET /api/v1/services lists them"
        case .unavailable(_, let reason): reason.text("zh-CN")
        case .unknownSession(let id): "no session \"\(id)\""
        case .input(let error): error.description
        case .notRunning: "the session engine is not running"
        }
    }
}
