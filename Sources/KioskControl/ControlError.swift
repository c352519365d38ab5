import KioskCore

/// Why kioskctl could not do what was asked, in words a maintainer can act on.
public enum ControlError: Error, CustomStringConvertible {
    /// The daemon did not answer at the endpoint.
    case cannotConnect(endpoint: String, reason: String)
    /// The daemon answered with a problem document.
    case problem(ProblemDocument)
    /// The daemon answered with something kioskctl does not understand.
    case badResponse(path: String, reason: String)
    /// An option was given a value that cannot be used.
    case badOption(String)

    public var description: String {
        switch self {
        case .cannotConnect(let endpoint, let reason):
            "cannot reach kioskd at \(endpoint): \(reason). Is it running? Try `systemctl status kioskd`, or pass --socket/--url."
        case .problem(let problem):
            "kioskd answered \(problem.status) \(problem.title)" + (problem.detail.map { ": \($0)" } ?? "")
        case .badResponse(let path, let reason):
            "kioskd's answer to \(path) could not be read: \(reason); kioskctl and kioskd may be different versions"
        case .badOption(let message):
            message
        }
    }
}
