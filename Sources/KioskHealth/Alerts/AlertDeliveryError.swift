/// Why a sink did not take an alert, and whether trying again can help.
public enum AlertDeliveryError: Error, Sendable, CustomStringConvertible {
    /// Nothing answered (refused, timed out, DNS): retried with backoff.
    case unreachable(sink: String, reason: String)
    /// The sink answered with an error status that may pass (5xx, 429): retried with backoff.
    case temporary(sink: String, status: Int, body: String)
    /// The sink rejected the alert itself (4xx): retrying the same alert cannot help.
    case rejected(sink: String, status: Int, body: String)

    /// True when the message should be retried.
    public var isRetryable: Bool {
        if case .rejected = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .unreachable(let sink, let reason):
            "\(sink) is unreachable: \(reason); alerts wait in the outbox and are retried — check the URL under alerting and the network"
        case .temporary(let sink, let status, let body):
            "\(sink) answered HTTP \(status) (\(body)); retrying with backoff"
        case .rejected(let sink, let status, let body):
            "\(sink) rejected the alert with HTTP \(status): \(body); the alert was dropped — report this as a kioskd bug"
        }
    }
}
