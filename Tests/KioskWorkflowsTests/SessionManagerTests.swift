import Foundation
import KioskCore
import KioskStore
import Testing
@testable import KioskWorkflows

@Suite("Session manager")
struct SessionManagerTests {
    @Test("an idle session warns, expires, publishes its end and leaves an audit record without personal data")
    func expiry() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try KioskStore(directory: folder)
        let devices = FakeDevices()
        let events = EventBroadcaster()
        let catalogue = ServiceCatalogue(set: WorkflowLoader().load(directories: [workflowsFolder]), devices: devices, store: store, events: events)
        let clock = ManualSessionClock()
        let manager = SessionManager(
            catalogue: catalogue, events: events, devices: devices, departments: FakeDepartments(), store: store, clock: clock,
            settings: SessionSettings(kioskID: "demo-001", tickInterval: nil)
        )
        var received = await events.subscribe().makeAsyncIterator()

        let session = try await manager.start(service: "hpf.account", language: "zh-CN", elderly: false)
        let id = try #require(session["id"]?.stringValue)
        await manager.settle()
        await #expect(throws: SessionError.busy(activeID: id)) { try await manager.start(service: "hpf.loan", language: "en", elderly: false) }

        clock.advance(by: .seconds(70))
        await manager.tick()
        clock.advance(by: .seconds(20))
        await manager.tick()

        var kinds: [String] = []
        while let event = await received.next() {
            kinds.append(event.json["type"]?.stringValue ?? "")
            if case .sessionEnded(let ended, let reason) = event {
                #expect(ended == id)
                #expect(reason == .expired)
                break
            }
        }
        #expect(kinds.contains("idle-warning"))
        #expect(await manager.current() == nil)
        #expect(try await manager.session(id)["state"] == "expired")
        let audit = try await store.sessions()
        #expect(audit.map(\.outcome) == ["expired"])
        #expect(audit.first?.lastStep == "consent")
        let row = String(describing: audit)
        #expect(!row.contains("990101198503120010") && !row.contains("张测试"))
    }
}
