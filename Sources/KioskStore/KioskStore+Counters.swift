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
