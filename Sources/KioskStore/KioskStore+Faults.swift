import Foundation
import GRDB
import KioskCore

extension KioskStore {
    /// Stores a newly raised fault with a `raised` history entry and returns it with its id.
    public func insertFault(_ fault: FaultRecord) async throws(StoreError) -> FaultRecord {
        do {
            return try await database.write { db in
                var fault = fault
                try fault.insert(db)
                var entry = FaultHistoryEntry(faultID: fault.id!, time: fault.startedAt, kind: "raised", detail: fault.detail)
                try entry.insert(db)
                return fault
            }
        } catch {
            throw .operationFailed(operation: "recording fault \(fault.code)", reason: Self.reason(error))
        }
    }

    /// Saves a changed fault and appends a history entry, in one transaction.
    public func updateFault(_ fault: FaultRecord, history kind: String, detail: String, at time: Date) async throws(StoreError) {
        guard let id = fault.id else { return }
        do {
            try await database.write { db in
                try fault.update(db)
                var entry = FaultHistoryEntry(faultID: id, time: time, kind: kind, detail: detail)
                try entry.insert(db)
            }
        } catch {
            throw .operationFailed(operation: "updating fault \(id)", reason: Self.reason(error))
        }
    }

    /// The open faults, oldest first.
    public func openFaults() async throws(StoreError) -> [FaultRecord] {
        do {
            return try await database.read { db in
                try FaultRecord.filter(Column("status") == FaultStatus.open.rawValue).order(Column("id")).fetchAll(db)
            }
        } catch {
            throw .operationFailed(operation: "reading open faults", reason: Self.reason(error))
        }
    }

    /// Closed faults (resolved or recovered), newest first.
    public func closedFaults(limit: Int = 100) async throws(StoreError) -> [FaultRecord] {
        do {
            return try await database.read { db in
                try FaultRecord.filter(Column("status") != FaultStatus.open.rawValue).order(Column("id").desc).limit(limit).fetchAll(db)
            }
        } catch {
            throw .operationFailed(operation: "reading the fault history", reason: Self.reason(error))
        }
    }

    /// Faults alerted and resolved since `date` (their resolutions are re-sent for a while).
    public func resolvedAlertedFaults(since date: Date) async throws(StoreError) -> [FaultRecord] {
        do {
            return try await database.read { db in
                try FaultRecord.filter(Column("status") == FaultStatus.resolved.rawValue && Column("alerted") == true && Column("resolved_at") >= date)
                    .order(Column("id")).fetchAll(db)
            }
        } catch {
            throw .operationFailed(operation: "reading resolved faults", reason: Self.reason(error))
        }
    }

    /// One fault by id.
    public func fault(id: Int64) async throws(StoreError) -> FaultRecord? {
        do {
            return try await database.read { try FaultRecord.fetchOne($0, key: id) }
        } catch {
            throw .operationFailed(operation: "reading fault \(id)", reason: Self.reason(error))
        }
    }

    /// A fault's history, oldest first.
    public func faultHistory(id: Int64) async throws(StoreError) -> [FaultHistoryEntry] {
        do {
            return try await database.read { db in
                try FaultHistoryEntry.filter(Column("fault_id") == id).order(Column("id")).fetchAll(db)
            }
        } catch {
            throw .operationFailed(operation: "reading the history of fault \(id)", reason: Self.reason(error))
        }
    }

    /// Marks a fault acknowledged by a maintainer; nil when there is no such fault.
    public func acknowledgeFault(id: Int64, by actor: String, at time: Date) async throws(StoreError) -> FaultRecord? {
        do {
            return try await database.write { db in
                guard var fault = try FaultRecord.fetchOne(db, key: id) else { return nil }
                fault.acknowledgedAt = time
                fault.acknowledgedBy = actor
                try fault.update(db)
                var entry = FaultHistoryEntry(faultID: id, time: time, kind: "acknowledged", detail: "by \(actor)")
                try entry.insert(db)
                return fault
            }
        } catch {
            throw .operationFailed(operation: "acknowledging fault \(id)", reason: Self.reason(error))
        }
    }
}
