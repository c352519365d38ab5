import Foundation
import GRDB

extension KioskStore {
    /// Stores messages for delivery, in one transaction. A firing or heartbeat message replaces the
    /// payload of the newest undelivered message of the same sink, key and kind when that one is the
    /// last of its key (a resend during an outage refreshes `endsAt` instead of piling up).
    @discardableResult
    public func enqueue(_ messages: [OutboxMessage]) async throws(StoreError) -> [OutboxMessage] {
        guard !messages.isEmpty else { return [] }
        do {
            return try await database.write { db in
                var stored: [OutboxMessage] = []
                for message in messages {
                    var message = message
                    if message.kind != .resolved,
                       var last = try OutboxMessage
                        .filter(Column("sink") == message.sink && Column("alert_key") == message.alertKey)
                        .order(Column("id").desc).fetchOne(db),
                       last.deliveredAt == nil, last.kind == message.kind {
                        last.payload = message.payload
                        try last.update(db, columns: ["payload"])
                        stored.append(last)
                        continue
                    }
                    try message.insert(db)
                    stored.append(message)
                }
                return stored
            }
        } catch {
            throw .operationFailed(operation: "queueing alerts", reason: Self.reason(error))
        }
    }

    /// The first undelivered message of each sink and key that is due at `now`, oldest first.
    public func dueOutboxMessages(at now: Date, limit: Int = 100) async throws(StoreError) -> [OutboxMessage] {
        do {
            return try await database.read { db in
                try OutboxMessage.fetchAll(db, sql: """
                    SELECT * FROM alert_outbox AS o
                    WHERE o.delivered_at IS NULL AND o.next_attempt_at <= ?
                      AND o.id = (SELECT MIN(id) FROM alert_outbox
                                  WHERE sink = o.sink AND alert_key = o.alert_key AND delivered_at IS NULL)
                    ORDER BY o.id LIMIT ?
                    """, arguments: [now, limit])
            }
        } catch {
            throw .operationFailed(operation: "reading the alert outbox", reason: Self.reason(error))
        }
    }

    /// When the next message at the head of its queue falls due, nil when none waits.
    public func nextOutboxAttempt() async throws(StoreError) -> Date? {
        do {
            return try await database.read { db in
                try Date.fetchOne(db, sql: """
                    SELECT MIN(o.next_attempt_at) FROM alert_outbox AS o
                    WHERE o.delivered_at IS NULL
                      AND o.id = (SELECT MIN(id) FROM alert_outbox
                                  WHERE sink = o.sink AND alert_key = o.alert_key AND delivered_at IS NULL)
                    """)
            }
        } catch {
            throw .operationFailed(operation: "reading the alert outbox", reason: Self.reason(error))
        }
    }

    /// Marks messages as done: delivered, or dropped with a note saying why.
    public func markDelivered(_ ids: [Int64], at now: Date, note: String? = nil) async throws(StoreError) {
        guard !ids.isEmpty else { return }
        do {
            try await database.write { db in
                _ = try OutboxMessage.filter(ids.contains(Column("id")))
                    .updateAll(db, Column("delivered_at").set(to: now), Column("last_error").set(to: note))
            }
        } catch {
            throw .operationFailed(operation: "marking alerts delivered", reason: Self.reason(error))
        }
    }

    /// Records a failed attempt and when to try again.
    public func markFailed(_ id: Int64, error: String, nextAttemptAt: Date) async throws(StoreError) {
        do {
            try await database.write { db in
                try db.execute(
                    sql: "UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                    arguments: [error, nextAttemptAt, id]
                )
            }
        } catch {
            throw .operationFailed(operation: "recording a failed alert delivery", reason: Self.reason(error))
        }
    }

    /// Undelivered messages (the outbox depth).
    public func outboxDepth() async throws(StoreError) -> Int {
        do {
            return try await database.read { try OutboxMessage.filter(Column("delivered_at") == nil).fetchCount($0) }
        } catch {
            throw .operationFailed(operation: "counting the alert outbox", reason: Self.reason(error))
        }
    }

    /// Messages in id order, delivered or not (for tests and diagnostics).
    public func outboxMessages(limit: Int = 1000) async throws(StoreError) -> [OutboxMessage] {
        do {
            return try await database.read { try OutboxMessage.order(Column("id")).limit(limit).fetchAll($0) }
        } catch {
            throw .operationFailed(operation: "reading the alert outbox", reason: Self.reason(error))
        }
    }

    /// Forgets delivered messages older than `date`.
    public func pruneOutbox(deliveredBefore date: Date) async throws(StoreError) {
        do {
            _ = try await database.write { db in
                try OutboxMessage.filter(Column("delivered_at") != nil && Column("delivered_at") < date).deleteAll(db)
            }
        } catch {
            throw .operationFailed(operation: "pruning the alert outbox", reason: Self.reason(error))
        }
    }
}
