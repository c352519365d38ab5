import Foundation
import KioskCore
import KioskStore
import Testing
@testable import KioskWorkflows
#if canImport(Glibc)
import Glibc
#endif

/// The audit table's keyed identity: HMAC-SHA256 with a per-install secret in the state folder, never the clear ID.
@Suite("Audit identity")
struct AuditIdentityTests {
    static let zhangID = "990101198503120010"

    @Test("the secret is made once with mode 0600 and 32 bytes; the same citizen gets the same key, another install another")
    func sameCitizenSameKey() throws {
        let first = TemporaryStateFolder("audit-a")
        let second = TemporaryStateFolder("audit-b")
        defer { first.remove(); second.remove() }

        // Given a fresh state folder, when the secret is loaded, then it is made: 32 bytes, readable by kioskd's user only.
        let secret = try AuditSecret.loadOrCreate(directory: first.path)
        let path = first.path + "/" + AuditSecret.fileName
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)

        // When it is loaded again (the next start), the same citizen gets the same key, by ID card or social-security card.
        let again = try AuditSecret.loadOrCreate(directory: first.path)
        let byIDCard = try #require(secret.citizenKey(for: ["method": "id-card", "idNumber": .string(Self.zhangID), "name": "张测试"]))
        #expect(again.citizenKey(for: ["method": "id-card", "idNumber": .string(Self.zhangID)]) == byIDCard)
        #expect(again.citizenKey(for: ["method": "social-security-card", "idNumber": .string(Self.zhangID), "cardNumber": "S99000001"]) == byIDCard)
        #expect(byIDCard.count == 64 && byIDCard.allSatisfy(\.isHexDigit))
        #expect(!byIDCard.contains(Self.zhangID))

        // And another citizen, or the same citizen on another install, gets another key.
        #expect(secret.citizenKey(for: ["method": "id-card", "idNumber": "990101199207150023"]) != byIDCard)
        let other = try AuditSecret.loadOrCreate(directory: second.path)
        #expect(other.citizenKey(for: ["method": "id-card", "idNumber": .string(Self.zhangID)]) != byIDCard)

        // A voucher and a case number key what they are, apart from ID numbers; no identity gives no key.
        #expect(secret.citizenKey(for: ["method": "mi-qr", "voucher": "MIQR1.9901.ZC7K3P9QXD2M"]) == secret.key(kind: .voucher, value: "MIQR1.9901.ZC7K3P9QXD2M"))
        #expect(secret.citizenKey(for: ["method": "case-number", "caseNumber": "202611180031"]) == secret.key(kind: .caseNumber, value: "202611180031"))
        #expect(secret.key(kind: .caseNumber, value: "202611180031") != secret.key(kind: .idNumber, value: "202611180031"))
        #expect(secret.citizenKey(for: ["method": "id-card"]) == nil)
        #expect("\(secret)" == "AuditSecret(redacted)")
    }

    @Test("a secret others may read, of the wrong length, or not a plain file is refused with what to do")
    func refusesBadSecrets() throws {
        let folder = TemporaryStateFolder("audit-bad")
        defer { folder.remove() }
        let path = folder.path + "/" + AuditSecret.fileName

        // A world-readable secret.
        _ = try AuditSecret.loadOrCreate(directory: folder.path)
        chmod(path, 0o644)
        #expect(throws: AuditSecretError.tooOpen(path: path, mode: 0o644)) { try AuditSecret.loadOrCreate(directory: folder.path) }
        #expect(AuditSecretError.tooOpen(path: path, mode: 0o644).description.contains("chmod 600 \(path)"))

        // A truncated one, and one too long.
        unlink(path)
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: 16), attributes: [.posixPermissions: 0o600])
        #expect(throws: AuditSecretError.malformed(path: path, length: 16)) { try AuditSecret.loadOrCreate(directory: folder.path) }
        unlink(path)
        _ = FileManager.default.createFile(atPath: path, contents: Data(repeating: 7, count: 40), attributes: [.posixPermissions: 0o600])
        #expect(throws: AuditSecretError.malformed(path: path, length: 40)) { try AuditSecret.loadOrCreate(directory: folder.path) }

        // A link (even to a good secret) and a folder.
        unlink(path)
        let target = folder.path + "/elsewhere.key"
        _ = FileManager.default.createFile(atPath: target, contents: Data(repeating: 7, count: 32), attributes: [.posixPermissions: 0o600])
        symlink(target, path)
        #expect(throws: AuditSecretError.notAFile(path: path)) { try AuditSecret.loadOrCreate(directory: folder.path) }
        unlink(path)
        mkdir(path, 0o700)
        #expect(throws: AuditSecretError.notAFile(path: path)) { try AuditSecret.loadOrCreate(directory: folder.path) }
    }

    @Test("a finished session's audit row carries the citizen key; the ID number and name are in no database file")
    func databaseHoldsNoClearIdentity() async throws {
        let folder = TemporaryStateFolder("audit-db")
        defer { folder.remove() }
        let store = try KioskStore(directory: folder.path)
        let secret = try AuditSecret.loadOrCreate(directory: folder.path)
        let devices = FakeDevices()
        let departments = FakeDepartments()
        departments.answers["enrollment.query"] = enrollmentAnswer
        let events = EventBroadcaster()
        let catalogue = ServiceCatalogue(set: WorkflowLoader().load(directories: [workflowsFolder]), devices: devices, store: store, events: events)
        let manager = SessionManager(
            catalogue: catalogue, events: events, devices: devices, departments: departments, store: store, clock: ManualSessionClock(),
            settings: SessionSettings(kioskID: "demo-001", tickInterval: nil), auditSecret: secret
        )

        // Given zhang identified by ID card twice (a finished, rated visit and a cancelled one).
        let finished = try await SessionDriver(manager: manager).run(service: "hrss.enrollment", until: .finished)
        let cancelled = try await SessionDriver(manager: manager).run(service: "hrss.enrollment", until: .cancelled)

        // Then both rows carry the same key, the one the install's secret gives zhang's ID number.
        let rows = try await store.sessions()
        let expected = secret.key(kind: .idNumber, value: Self.zhangID)
        #expect(Set(rows.map(\.sessionID)) == [finished, cancelled])
        #expect(rows.map(\.citizenKey) == [expected, expected])
        #expect(rows.first { $0.sessionID == finished }?.rating == 5)

        // And no file of the database (main file, write-ahead log, shared memory) holds the ID number or the name,
        // while the key itself is there: the scan reads what was written.
        var scanned = Data()
        for name in [KioskStore.fileName, KioskStore.fileName + "-wal", KioskStore.fileName + "-shm"] {
            scanned.append((FileManager.default.contents(atPath: folder.path + "/" + name)) ?? Data())
        }
        #expect(scanned.range(of: Data(expected.utf8)) != nil, "the audit key is not in the database files")
        for personal in [Self.zhangID, "张测试", "新址路18号", "虚构科技有限公司"] {
            #expect(scanned.range(of: Data(personal.utf8)) == nil, "\(personal) is in the database files")
        }
    }
}

/// A state folder under the temporary folder.
struct TemporaryStateFolder {
    let path: String

    init(_ prefix: String) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").path
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Drives a session of the manager like the touch UI: starts it, answers each step, and ends it as asked.
struct SessionDriver {
    struct Stuck: Error, CustomStringConvertible { let description: String }

    let manager: SessionManager

    /// Runs `service` with the default answers until it ends as `outcome` (`.cancelled`: after the consent); returns its id.
    func run(service: String, until outcome: SessionState) async throws -> String {
        let started = try await manager.start(service: service, language: "zh-CN", elderly: false)
        let id = try #require(started["id"]?.stringValue)
        for _ in 0..<20 {
            await manager.settle()
            let session = try await manager.session(id)
            guard session["state"] == "active" else {
                guard session["state"]?.stringValue == outcome.rawValue else { throw Stuck(description: "ended as \(session["state"] ?? .null)") }
                return id
            }
            guard let input = Self.answer(to: session["step"] ?? .null, ending: outcome) else {
                throw Stuck(description: "no answer to step \(session["step"]?["id"] ?? .null)")
            }
            _ = try await manager.input(input, session: id)
        }
        throw Stuck(description: "session \(id) did not end within 20 steps")
    }

    /// The input a citizen gives `step` on the way to `outcome`.
    static func answer(to step: JSONValue, ending outcome: SessionState) -> SessionInput? {
        switch step["kind"]?.stringValue {
        case "consent": outcome == .cancelled ? SessionInput(action: "cancel") : SessionInput(action: "confirm")
        case "show", "print": SessionInput(action: "next")
        case "rate": SessionInput(action: "rate", level: 5)
        case "identify" where step["waiting"] == .null: SessionInput(action: "choose", method: "id-card")
        default: nil
        }
    }
}
