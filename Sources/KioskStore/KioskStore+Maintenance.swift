import Foundation
import GRDB
import KioskCore

extension KioskStore {
    /// Stores a maintenance window and returns it with its id.
    public func insertMaintenanceWindow(_ window: MaintenanceWindow) async throws(StoreError) -> MaintenanceWindow {
        do {
            return try await database.write { db in
                var window = window
                try window.insert(db)
                return window
            }
        } catch {
            throw .operationFailed(operation: "recording a maintenance window", reason: Self.reason(error))
        }
    }

    /// Saves a changed maintenance window.
    public func updateMaintenanceWindow(_ window: MaintenanceWindow) async throws(StoreError) {
        do {
            try await database.write { try window.update($0) }
        } catch {
            throw .operationFailed(operation: "updating a maintenance window", reason: Self.reason(error))
        }
    }

    /// The window running at `now`, if any (the newest one).
    public func activeMaintenanceWindow(at now: Date) async throws(StoreError) -> MaintenanceWindow? {
        do {
            return try await database.read { db in
                try MaintenanceWindow.filter(Column("stopped_at") == nil && Column("ends_at") > now)
                    .order(Column("id").desc).fetchOne(db)
            }
        } catch {
            throw .operationFailed(operation: "reading maintenance windows", reason: Self.reason(error))
        }
    }

    /// Windows newest first.
    public func maintenanceWindows(limit: Int = 50) async throws(StoreError) -> [MaintenanceWindow] {
        do {
            return try await database.read { try MaintenanceWindow.order(Column("id").desc).limit(limit).fetchAll($0) }
        } catch {
            throw .operationFailed(operation: "reading maintenance windows", reason: Self.reason(error))
        }
    }
}
