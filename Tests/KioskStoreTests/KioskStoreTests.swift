import Foundation
import GRDB
import Testing
@testable import KioskStore

/// A fresh temporary state folder for one test.
func temporaryFolder() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-store-\(UUID().uuidString)").path
    return path
}

@Suite("Store")
struct KioskStoreTests {
    @Test("opening creates the folder, the database in WAL mode and the event table")
    func opens() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try KioskStore(directory: folder)
        #expect(FileManager.default.fileExists(atPath: folder + "/kioskd.sqlite"))
        #expect(try store.journalMode() == "wal")
        let applied = try store.database.read { try StoreMigrations.migrator.appliedIdentifiers($0) }
        #expect(applied == Set(StoreMigrations.migrator.migrations))
        #expect(Array(StoreMigrations.migrator.migrations.prefix(2)) == ["v1-kiosk-event", "v2-device-counter"])  // the first, frozen ones, in order
    }

    @Test("events are recorded with ids and read back newest first, across a reopen")
    func recordsEvents() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let store = try KioskStore(directory: folder)
            let first = try await store.record(KioskEvent(kind: "daemon.started", message: "started"))
            let second = try await store.record(KioskEvent(kind: "maintenance.started", subject: "receipt-printer", actor: "王工", message: "paper"))
            #expect(first.id != nil)
            #expect(second.id! > first.id!)
        }
        let reopened = try KioskStore(directory: folder)
        let events = try await reopened.events()
        #expect(events.map(\.kind) == ["maintenance.started", "daemon.started"])
        #expect(events[0].actor == "王工")
        #expect(try await reopened.events(kind: "daemon.started").count == 1)
    }

    @Test("a database from a newer kioskd is refused and left unchanged")
    func refusesNewerDatabase() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let store = try KioskStore(directory: folder)
            try store.database.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')") }
        }
        #expect {
            _ = try KioskStore(directory: folder)
        } throws: { error in
            guard case StoreError.unknownMigrations(_, let names) = error else { return false }
            return names == ["v99-future"] && "\(error)".contains("newer kioskd")
        }
    }

    @Test("a state folder that cannot be created is a clear error")
    func unwritableFolder() {
        #expect {
            _ = try KioskStore(directory: "/proc/kioskd-cannot-be-here")
        } throws: { error in
            guard case StoreError.cannotCreateDirectory(let path, _) = error else { return false }
            return path == "/proc/kioskd-cannot-be-here"
        }
    }

    @Test("a file that is not a database is refused with its path")
    func corruptDatabase() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: folder + "/kioskd.sqlite"))
        #expect {
            _ = try KioskStore(directory: folder)
        } throws: { error in
            "\(error)".contains(folder + "/kioskd.sqlite")
        }
    }

    @Test("device counters add up per device and survive a reopen")
    func counters() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let store = try KioskStore(directory: folder)
            try await store.add(["paper_fed_mm": 120, "cuts": 1], to: "receipt-printer")
            try await store.add(["paper_fed_mm": 80, "cuts": 1, "receipts": 1], to: "receipt-printer")
            try await store.add(["cards_read": 1], to: "id-reader")
        }
        let store = try KioskStore(directory: folder)
        #expect(try await store.counters(of: "receipt-printer") == ["paper_fed_mm": 200, "cuts": 2, "receipts": 1])
        #expect(try await store.counters(of: "id-reader") == ["cards_read": 1])
        #expect(try await store.counters(of: "nobody").isEmpty)
    }
}
