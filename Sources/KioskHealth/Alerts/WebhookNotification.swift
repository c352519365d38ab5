import Foundation

/// Alertmanager's webhook body (version 4), for bureaus that take webhooks without running Alertmanager.
public struct WebhookNotification: Codable, Sendable, Equatable {
    /// One alert inside the notification.
    public struct Alert: Codable, Sendable, Equatable {
        public var status: String
        public var labels: [String: String]
        public var annotations: [String: String]
        public var startsAt: Date
        public var endsAt: Date
        public var generatorURL: String
        public var fingerprint: String
    }

    public var version = "4"
    public var groupKey: String
    public var truncatedAlerts = 0
    public var status: String
    public var receiver: String
    public var groupLabels: [String: String]
    public var commonLabels: [String: String]
    public var commonAnnotations: [String: String]
    public var externalURL: String
    public var alerts: [Alert]

    /// A notification carrying one alert as of `now`.
    public init(alert: OutboundAlert, receiver: String, now: Date) {
        let status = alert.status(at: now)
        // Alertmanager's webhook sends the zero time as endsAt for firing alerts.
        let endsAt = status == "firing" ? Date(timeIntervalSince1970: -62_135_596_800) : alert.endsAt
        self.groupKey = "{}:{alertname=\"\(alert.labels["alertname"] ?? "")\", kiosk=\"\(alert.labels["kiosk"] ?? "")\"}"
        self.status = status
        self.receiver = receiver
        self.groupLabels = ["alertname": alert.labels["alertname"] ?? "", "kiosk": alert.labels["kiosk"] ?? ""]
        self.commonLabels = alert.labels
        self.commonAnnotations = alert.annotations
        self.externalURL = alert.generatorURL
        self.alerts = [Alert(
            status: status, labels: alert.labels, annotations: alert.annotations, startsAt: alert.startsAt,
            endsAt: endsAt, generatorURL: alert.generatorURL, fingerprint: alert.fingerprint
        )]
    }
}
