import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts each alert to a URL as an Alertmanager webhook notification (only on changes, not on resends).
public struct WebhookSink: AlertSink {
    public let url: String
    /// The `receiver` field of the notifications.
    public let receiver: String
    let poster: HTTPPoster
    let now: @Sendable () -> Date

    public init(url: String, receiver: String = "kioskd", client: HTTPClient = .shared, timeout: TimeAmount = .seconds(5), now: @escaping @Sendable () -> Date = Date.init) {
        self.url = url
        self.receiver = receiver
        self.poster = HTTPPoster(client: client, timeout: timeout)
        self.now = now
    }

    public var name: String { "webhook \(url)" }
    public var wantsResends: Bool { false }
    public var wantsHeartbeat: Bool { false }

    public func deliver(_ alerts: [OutboundAlert]) async throws(AlertDeliveryError) {
        for alert in alerts {
            let body: Data
            do {
                body = try OutboundAlert.encoder.encode(WebhookNotification(alert: alert, receiver: receiver, now: now()))
            } catch {
                throw .rejected(sink: name, status: 0, body: "cannot encode: \(error)")
            }
            try await poster.send(.post, url, body: body, sink: name)
        }
    }
}
