import Foundation

/// Body of `GET /api/v1/health`: is the daemon serving, and which kiosk is this.
public struct HealthReport: Codable, Sendable, Equatable {
    /// `ok` when every component answers, `degraded` otherwise.
    public var status: String
    /// The kiosk's identity.
    public var kiosk: KioskSummary
    /// Each component's state (`store`: `ok` or the error).
    public var components: [String: String]
    /// The configured devices with their states.
    public var devices: [DeviceStatus]
    /// When the daemon started.
    public var startedAt: Date
    /// Seconds since start.
    public var uptimeSeconds: Int
    /// kioskd's version.
    public var version: String
    /// True when running `--simulate`.
    public var simulated: Bool

    public init(
        status: String, kiosk: KioskSummary, components: [String: String], devices: [DeviceStatus],
        startedAt: Date, uptimeSeconds: Int, version: String, simulated: Bool
    ) {
        self.status = status
        self.kiosk = kiosk
        self.components = components
        self.devices = devices
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.version = version
        self.simulated = simulated
    }
}

/// The kiosk's identity and owner, as shown to maintainers.
public struct KioskSummary: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var site: String
    public var address: String
    /// Owning bureau's id.
    public var owner: String
    /// Owning bureau's name.
    public var ownerName: String
    /// The kiosk's keeper.
    public var contact: Contact

    public init(configuration: KioskConfiguration) {
        let kiosk = configuration.kiosk
        id = kiosk.id
        name = kiosk.name
        site = kiosk.site
        address = kiosk.address
        owner = kiosk.owner
        ownerName = configuration.owningBureau?.name ?? kiosk.owner
        contact = kiosk.contact
    }
}
