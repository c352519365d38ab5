/// The kiosk's identity, as it appears in alerts, metrics, reports and printed certificates.
public struct KioskIdentity: Sendable, Equatable, Codable {
    /// Stable id, used as the `kiosk` alert label (e.g. `tianhe-001`).
    public var id: String
    /// Display name (e.g. 天河区政务服务中心 1 号自助终端).
    public var name: String
    /// Site id, used as the `site` alert label.
    public var site: String
    /// Street address where the kiosk stands.
    public var address: String
    /// Id of the bureau that owns the kiosk and receives its alerts by default.
    public var owner: String
    /// The named person who keeps this kiosk.
    public var contact: Contact

    public init(id: String, name: String, site: String, address: String, owner: String, contact: Contact) {
        self.id = id
        self.name = name
        self.site = site
        self.address = address
        self.owner = owner
        self.contact = contact
    }
}
