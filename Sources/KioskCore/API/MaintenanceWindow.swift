import Foundation

/// A period of planned work: the kiosk silences its own alerts at Alertmanager; faults are still recorded.
public struct MaintenanceWindow: Codable, Sendable, Equatable {
    public var id: Int64?
    /// Why, as the maintainer gave it.
    public var reason: String
    /// Who started it (a staff name or `kioskctl`).
    public var actor: String
    public var startedAt: Date
    /// When it ends by itself.
    public var endsAt: Date
    /// When it was stopped early, if it was.
    public var stoppedAt: Date?
    /// The silence made at each Alertmanager.
    public var silences: [MaintenanceSilence]

    public init(id: Int64? = nil, reason: String, actor: String, startedAt: Date, endsAt: Date, stoppedAt: Date? = nil, silences: [MaintenanceSilence] = []) {
        self.id = id
        self.reason = reason
        self.actor = actor
        self.startedAt = startedAt
        self.endsAt = endsAt
        self.stoppedAt = stoppedAt
        self.silences = silences
    }

    /// True while the window is running at `now`.
    public func isActive(at now: Date) -> Bool { stoppedAt == nil && now < endsAt }
}

/// One Alertmanager's silence for a maintenance window.
public struct MaintenanceSilence: Codable, Sendable, Equatable {
    /// Alertmanager base URL.
    public var alertmanager: String
    /// The silence id Alertmanager gave, nil when it could not be created.
    public var silenceID: String?
    /// Why it could not be created or expired.
    public var error: String?

    public init(alertmanager: String, silenceID: String?, error: String? = nil) {
        self.alertmanager = alertmanager
        self.silenceID = silenceID
        self.error = error
    }
}

/// Body of `POST /api/v1/maintenance`.
public struct MaintenanceRequest: Codable, Sendable, Equatable {
    public var reason: String
    /// Length in seconds.
    public var durationSeconds: Int
    /// Who asks (defaults to `api`).
    public var actor: String?

    public init(reason: String, durationSeconds: Int, actor: String? = nil) {
        self.reason = reason
        self.durationSeconds = durationSeconds
        self.actor = actor
    }
}

/// Body of `GET /api/v1/maintenance`: the running window, if any.
public struct MaintenanceState: Codable, Sendable, Equatable {
    public var active: Bool
    public var window: MaintenanceWindow?

    public init(active: Bool, window: MaintenanceWindow?) {
        self.active = active
        self.window = window
    }
}
