import Foundation
import GRDB

/// A maintainer's switch of one service (`service_switch`): disabled with a reason, or enabled again.
public struct ServiceSwitchRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "service_switch"

    public var service: String
    public var enabled: Bool
    /// Why it was disabled (shown to citizens).
    public var reason: String
    public var changedAt: Date
    /// Who switched it (`kioskctl`, a maintainer's name).
    public var actor: String

    enum CodingKeys: String, CodingKey {
        case service, enabled, reason, changedAt = "changed_at", actor
    }

    public init(service: String, enabled: Bool, reason: String, changedAt: Date = Date(), actor: String) {
        self.service = service
        self.enabled = enabled
        self.reason = reason
        self.changedAt = changedAt
        self.actor = actor
    }
}
