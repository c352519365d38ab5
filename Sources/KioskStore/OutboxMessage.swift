import Foundation
import GRDB

/// One alert waiting in (or delivered from) the durable outbox (table `alert_outbox`).
///
/// A message is stored before it is sent; messages with the same sink and alert key are delivered
/// strictly in id order, each retried with backoff until its sink accepts it.
public struct OutboxMessage: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "alert_outbox"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// What a message says.
    public enum Kind: String, Codable, Sendable, DatabaseValueConvertible {
        case firing, resolved, heartbeat
    }

    public var id: Int64?
    /// Which sink delivers it (`alertmanager http://…`, `webhook http://…`).
    public var sink: String
    /// The alert it belongs to; order is kept per key.
    public var alertKey: String
    public var kind: Kind
    /// The alert as JSON, exactly as it will be sent.
    public var payload: Data
    public var createdAt: Date
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    public var deliveredAt: Date?

    public init(id: Int64? = nil, sink: String, alertKey: String, kind: Kind, payload: Data, createdAt: Date, attempts: Int = 0, nextAttemptAt: Date? = nil, lastError: String? = nil, deliveredAt: Date? = nil) {
        self.id = id
        self.sink = sink
        self.alertKey = alertKey
        self.kind = kind
        self.payload = payload
        self.createdAt = createdAt
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt ?? createdAt
        self.lastError = lastError
        self.deliveredAt = deliveredAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
