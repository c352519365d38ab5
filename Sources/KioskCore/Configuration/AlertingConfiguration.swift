/// Where fault alerts go: Alertmanager, a webhook in Alertmanager's format, or both.
public struct AlertingConfiguration: Sendable, Equatable {
    /// Alertmanager base URLs (each member of a cluster); alerts go to all of them.
    public var alertmanagerURLs: [String]
    /// Webhook URL that receives Alertmanager-format notifications directly.
    public var webhookURL: String?
    /// How often firing alerts are sent again.
    public var resendInterval: Duration
    /// How often the always-firing heartbeat alert is sent.
    public var heartbeatInterval: Duration

    public init(
        alertmanagerURLs: [String] = [],
        webhookURL: String? = nil,
        resendInterval: Duration = .seconds(60),
        heartbeatInterval: Duration = .seconds(60)
    ) {
        self.alertmanagerURLs = alertmanagerURLs
        self.webhookURL = webhookURL
        self.resendInterval = resendInterval
        self.heartbeatInterval = heartbeatInterval
    }
}
