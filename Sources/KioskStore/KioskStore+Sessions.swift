import Foundation
import GRDB

extension KioskStore {
    /// Records a finished session (no personal data: see `SessionAuditRecord`).
    public func recordSession(_ record: SessionAuditRecord) async throws(StoreError) {
        do {
            try await database.write { try record.insert($0) }
        } catch {
            throw .operationFailed(operation: "recording session \(record.sessionID)", reason: Self.reason(error))
        }
    }

    /// The newest audited sessions first, optionally of one service.
    public func sessions(service: String? = nil, limit: Int = 100) async throws(StoreError) -> [SessionAuditRecord] {
        do {
            return try await database.read { db in
                var request = SessionAuditRecord.order(Column("ended_at").desc).limit(limit)
                if let service { request = request.filter(Column("service") == service) }
                return try request.fetchAll(db)
            }
        } catch {
            throw .operationFailed(operation: "reading sessions", reason: Self.reason(error))
        }
    }

    /// Saves a maintainer's switch of a service (replacing the previous one).
    public func saveServiceSwitch(_ record: ServiceSwitchRecord) async throws(StoreError) {
        do {
            try await database.write { try record.save($0) }
        } catch {
            throw .operationFailed(operation: "saving the switch of \(record.service)", reason: Self.reason(error))
        }
    }

    /// Every maintainer's switch.
    public func serviceSwitches() async throws(StoreError) -> [ServiceSwitchRecord] {
        do {
            return try await database.read { try ServiceSwitchRecord.fetchAll($0) }
        } catch {
            throw .operationFailed(operation: "reading service switches", reason: Self.reason(error))
        }
    }
}
