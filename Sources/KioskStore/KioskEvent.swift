import Foundation
import GRDB

/// One line of the kiosk's event and audit log (table `kiosk_event`); never holds citizens' personal data.
public struct KioskEvent: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "kiosk_event"

    /// Row id, assigned on insert.
    public var id: Int64?
    /// When it happened.
    public var time: Date
    /// What happened, a stable dotted name such as `daemon.started`.
    public var kind: String
    /// What it concerns: a device id, a service id, a key; empty for the kiosk itself.
    public var subject: String
    /// Who did it: `kioskd`, a maintainer's name, `system`.
    public var actor: String
    /// Words for people reading the log.
    public var message: String

    public init(id: Int64? = nil, time: Date = Date(), kind: String, subject: String = "", actor: String = "kioskd", message: String) {
        self.id = id
        self.time = time
        self.kind = kind
        self.subject = subject
        self.actor = actor
        self.message = message
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
