import Foundation
import GRDB

/// kioskd's one SQLite database (WAL mode) in the state folder, migrated on open.
public final class KioskStore: Sendable {
    /// File name of the database inside the state folder.
    public static let fileName = "kioskd.sqlite"

    /// The GRDB pool; later layers add their own tables through migrations here.
    public let database: DatabasePool
    /// Full path of the database file.
    public let path: String

    /// Opens (creating if needed) the database in `directory` and applies pending migrations.
    public init(directory: String) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: directory, reason: Self.reason(error))
        }
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.label = "kioskd"
        let database: DatabasePool
        do {
            database = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Self.reason(error))
        }
        let migrator = StoreMigrations.migrator
        do {
            let applied = try database.read { try migrator.appliedIdentifiers($0) }
            let unknown = applied.subtracting(migrator.migrations)
            if !unknown.isEmpty { throw StoreError.unknownMigrations(path: path, names: unknown.sorted()) }
            try migrator.migrate(database)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .migrationFailed(path: path, reason: Self.reason(error))
        }
        self.database = database
        self.path = path
    }

    /// Appends an event to the log and returns it with its id.
    @discardableResult
    public func record(_ event: KioskEvent) async throws(StoreError) -> KioskEvent {
        do {
            return try await database.write { db in
                var event = event
                try event.insert(db)
                return event
            }
        } catch {
            throw .operationFailed(operation: "recording event \(event.kind)", reason: Self.reason(error))
        }
    }

    /// The newest events first, optionally of one kind.
    public func events(kind: String? = nil, limit: Int = 100) async throws(StoreError) -> [KioskEvent] {
        do {
            return try await database.read { db in
                var request = KioskEvent.order(Column("id").desc).limit(limit)
                if let kind { request = request.filter(Column("kind") == kind) }
                return try request.fetchAll(db)
            }
        } catch {
            throw .operationFailed(operation: "reading events", reason: Self.reason(error))
        }
    }

    /// A cheap read that proves the database answers (used by the watchdog and health endpoint).
    public func ping() async throws(StoreError) {
        do {
            _ = try await database.read { try Int.fetchOne($0, sql: "SELECT 1") }
        } catch {
            throw .operationFailed(operation: "ping", reason: Self.reason(error))
        }
    }

    /// The journal mode SQLite reports (`wal` once open).
    public func journalMode() throws(StoreError) -> String {
        do {
            return try database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
        } catch {
            throw .operationFailed(operation: "reading journal mode", reason: Self.reason(error))
        }
    }

    /// Folds the write-ahead log back into the database file (on shutdown).
    public func checkpoint() throws(StoreError) {
        do {
            try database.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
        } catch {
            throw .operationFailed(operation: "checkpoint", reason: Self.reason(error))
        }
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}
