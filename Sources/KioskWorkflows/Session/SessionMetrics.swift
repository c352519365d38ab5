import Foundation
import Metrics

/// The session layer's Prometheus metrics through swift-metrics: sessions, ratings, durations; never personal data.
public struct SessionMetrics: Sendable {
    /// The histogram buckets of `kiosk_session_duration_seconds` (visits last from half a minute to a quarter hour).
    public static let durationBuckets: [Duration] = [15, 30, 60, 90, 120, 180, 300, 600, 900].map { .seconds($0) }
    /// The label of the session-duration histogram (for the factory's per-label buckets).
    public static let durationLabel = "kiosk_session_duration_seconds"

    public init() {}

    /// `kiosk_sessions_total{service,outcome}` counts ended sessions; `kiosk_ratings_total{service,rating}` the
    /// ratings given; `kiosk_session_duration_seconds{service}` times finished sessions.
    public func ended(service: String, outcome: SessionState, rating: Int?, duration: TimeInterval) {
        Counter(label: "kiosk_sessions_total", dimensions: [("service", service), ("outcome", outcome.rawValue)]).increment()
        if let rating {
            Counter(label: "kiosk_ratings_total", dimensions: [("service", service), ("rating", "\(rating)")]).increment()
        }
        if outcome == .finished {
            Metrics.Timer(label: Self.durationLabel, dimensions: [("service", service)]).record(duration: .milliseconds(Int64(max(0, duration) * 1000)))
        }
    }
}
