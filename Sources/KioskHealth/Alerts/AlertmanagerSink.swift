import AsyncHTTPClient
import Foundation
import NIOCore

/// Posts alerts to one Alertmanager's v2 API (`POST /api/v2/alerts`).
public struct AlertmanagerSink: AlertSink {
    /// The Alertmanager's base URL, e.g. `http://127.0.0.1:9093`.
    public let baseURL: String
    let poster: HTTPPoster

    public init(baseURL: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(5)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.poster = HTTPPoster(client: client, timeout: timeout)
    }

    public var name: String { "alertmanager \(baseURL)" }
    public var wantsResends: Bool { true }
    public var wantsHeartbeat: Bool { true }

    public func deliver(_ alerts: [OutboundAlert]) async throws(AlertDeliveryError) {
        let body: Data
        do {
            body = try OutboundAlert.encoder.encode(alerts)
        } catch {
            throw .rejected(sink: name, status: 0, body: "cannot encode: \(error)")
        }
        try await poster.send(.post, baseURL + "/api/v2/alerts", body: body, sink: name)
    }
}
