import Hummingbird

/// Errors the API's own handlers throw; each becomes a problem document with its status.
public enum APIError: Error, Sendable {
    /// A document the daemon should serve is not installed.
    case documentMissing(path: String)
    /// A part the request needs is not working.
    case unavailable(component: String, reason: String)

    var status: HTTPResponse.Status {
        switch self {
        case .documentMissing: .notFound
        case .unavailable: .serviceUnavailable
        }
    }

    var detail: String {
        switch self {
        case .documentMissing(let path): "the document is not installed at \(path); reinstall kioskd"
        case .unavailable(let component, let reason): "\(component) is unavailable: \(reason)"
        }
    }
}
