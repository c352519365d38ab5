/// Somewhere alerts are delivered: an Alertmanager, or a webhook in Alertmanager's webhook format.
public protocol AlertSink: Sendable {
    /// Stable name used in the outbox (`alertmanager http://…`); changing it orphans queued alerts.
    var name: String { get }
    /// Whether firing alerts are sent again on every resend tick (Alertmanager) or only on changes (webhook).
    var wantsResends: Bool { get }
    /// Whether the heartbeat goes here.
    var wantsHeartbeat: Bool { get }
    /// Delivers alerts, in order; throws when none should count as delivered.
    func deliver(_ alerts: [OutboundAlert]) async throws(AlertDeliveryError)
}
