import Foundation
import GRDB
import KioskCore

extension KioskStore: DeviceCounterStore {
    public func add(_ amounts: [String: Int64], to deviceID: String) async throws {
        guard !amounts.isEmpty else { return }
        do {
            try await database.write { db in
                let now = Date()
                for (counter, amount) in amounts {
                    try db.execute(
                        sql: """
                            INSERT INTO device_counter (device_id, counter, value, updated_at) VALUES (?, ?, ?, ?)
                            ON CONFLICT(device_id, counter) DO UPDATE SET value = value + excluded.value, updated_at = excluded.updated_at
                            """,
                        arguments: [deviceID, counter, amount, now]
                    )
                }
            }
        } catch {
            throw StoreError.operationFailed(operation: "adding counters of \(deviceID)", reason: Self.reason(error))
        }
    }

    public func counters(of deviceID: String) async throws -> [String: Int64] {
        do {
            return try await database.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT counter, value FROM device_counter WHERE device_id = ?", arguments: [deviceID])
                return Dictionary(uniqueKeysWithValues: rows.map { ($0["counter"] as String, $0["value"] as Int64) })
            }
        } catch {
            throw StoreError.operationFailed(operation: "reading counters of \(deviceID)", reason: Self.reason(error))
        }
    }
}

/// A receipt printer's counters at one moment: total paper fed and receipts printed.
public struct PaperCounterSample: Sendable, Equatable {
    public var time: Date
    public var fedMillimetres: Int64
    public var receipts: Int64

    public init(time: Date, fedMillimetres: Int64, receipts: Int64) {
        self.time = time
        self.fedMillimetres = fedMillimetres
        self.receipts = receipts
    }
}

/// A roll change of a receipt printer: when, why it was taken as one, and the counters then.
public struct PaperRollChange: Sendable, Equatable {
    public var changedAt: Date
    /// The counters when the new roll went in (what was fed before belongs to older rolls).
    public var counters: PaperCounterSample
    /// Why kioskd took it as a roll change (`paper-end cleared`, `first seen`).
    public var reason: String

    public init(changedAt: Date, counters: PaperCounterSample, reason: String) {
        self.changedAt = changedAt
        self.counters = counters
        self.reason = reason
    }
}

extension KioskStore {
    /// Counter names of the receipt printer (the ESC/POS driver's), read by the paper forecast.
    static let paperFedCounter = "paper_fed_mm"
    static let receiptsCounter = "receipts"

    /// The printer's paper counters now, stamped `time`.
    public func paperCounters(of deviceID: String, at time: Date) async throws -> PaperCounterSample {
        let values = try await counters(of: deviceID)
        return PaperCounterSample(time: time, fedMillimetres: values[Self.paperFedCounter] ?? 0, receipts: values[Self.receiptsCounter] ?? 0)
    }

    /// Records that a new roll went into printer `deviceID` at `time`, with its counters then; returns the change.
    @discardableResult
    public func recordPaperRollChange(of deviceID: String, at time: Date, reason: String) async throws -> PaperRollChange {
        let now = try await paperCounters(of: deviceID, at: time)
        do {
            try await database.write { db in
                try db.execute(
                    sql: "INSERT INTO paper_roll (device_id, changed_at, fed_mm, receipts, reason) VALUES (?, ?, ?, ?, ?)",
                    arguments: [deviceID, time, now.fedMillimetres, now.receipts, reason])
            }
        } catch {
            throw StoreError.operationFailed(operation: "recording a paper roll change of \(deviceID)", reason: Self.reason(error))
        }
        return PaperRollChange(changedAt: time, counters: now, reason: reason)
    }

    /// The latest roll change of printer `deviceID`, nil when none was recorded.
    public func latestPaperRollChange(of deviceID: String) async throws -> PaperRollChange? {
        do {
            return try await database.read { db in
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT changed_at, fed_mm, receipts, reason FROM paper_roll WHERE device_id = ? ORDER BY id DESC LIMIT 1",
                    arguments: [deviceID])
                else { return nil }
                let time: Date = row["changed_at"]
                return PaperRollChange(
                    changedAt: time, counters: PaperCounterSample(time: time, fedMillimetres: row["fed_mm"], receipts: row["receipts"]),
                    reason: row["reason"])
            }
        } catch {
            throw StoreError.operationFailed(operation: "reading the paper roll of \(deviceID)", reason: Self.reason(error))
        }
    }

    /// Keeps `sample` of printer `deviceID` (the usage history) and drops samples older than `keepSince`.
    public func addPaperCounterSample(_ sample: PaperCounterSample, of deviceID: String, keepSince: Date) async throws {
        do {
            try await database.write { db in
                try db.execute(
                    sql: "INSERT INTO counter_sample (device_id, time, fed_mm, receipts) VALUES (?, ?, ?, ?)",
                    arguments: [deviceID, sample.time, sample.fedMillimetres, sample.receipts])
                try db.execute(sql: "DELETE FROM counter_sample WHERE device_id = ? AND time < ?", arguments: [deviceID, keepSince])
            }
        } catch {
            throw StoreError.operationFailed(operation: "sampling the counters of \(deviceID)", reason: Self.reason(error))
        }
    }

    /// The kept counter samples of printer `deviceID`, oldest first.
    public func paperCounterSamples(of deviceID: String) async throws -> [PaperCounterSample] {
        do {
            return try await database.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT time, fed_mm, receipts FROM counter_sample WHERE device_id = ? ORDER BY time",
                    arguments: [deviceID]
                ).map { PaperCounterSample(time: $0["time"], fedMillimetres: $0["fed_mm"], receipts: $0["receipts"]) }
            }
        } catch {
            throw StoreError.operationFailed(operation: "reading the counter samples of \(deviceID)", reason: Self.reason(error))
        }
    }
}
