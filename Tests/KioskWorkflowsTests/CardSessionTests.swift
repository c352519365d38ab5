import Foundation
import KioskCore
import KioskDevices
import KioskStore
import Logging
import KioskTestSupport
import Testing
@testable import KioskWorkflows

/// Card events and the identifying card's removal, through a real device hub on pcscd with vpcd's virtual
/// social-security card (scripts/test-services.d/pcscd.sh); department answers and printing are in-process.
@Suite("Cards during sessions", .serialized, .pcscExclusive)
struct CardSessionTests {
    static let logger = Logger(label: "kioskd.test.card-session", factory: { _ in SwiftLogNoOpLogHandler() })

    struct Failure: Error, CustomStringConvertible { let description: String }

    @Test("the social-security card taken out mid-session ends it as cancelled and wiped; one left in at the end gets please-remove")
    func cardRemovedMidSession() async throws {
        let card = try await VirtualSocialSecurityCard()
        defer { card.stop() }
        let folder = TemporaryStateFolder("card-session")
        defer { folder.remove() }
        let configuration = [DeviceConfiguration(
            id: "ssc-reader", role: .socialSecurityCardReader, profile: "pcsc/generic-ccid", match: .pcsc(reader: "Virtual PCD"))]
        let registry = DeviceRegistry(devices: configuration, profiles: HubWorkflowDevicesTests.profiles, defaultOwner: "test-bureau")
        let hub = DeviceHub(
            devices: configuration, profiles: HubWorkflowDevicesTests.profiles, registry: registry, factory: DeviceFactory(logger: Self.logger),
            logger: Self.logger)
        let running = Task { try await hub.run() }
        defer { running.cancel() }
        try await Self.waitUntil("ssc-reader online") { await hub.reports["ssc-reader"]?.state == .online }

        let store = try KioskStore(directory: folder.path)
        let secret = try AuditSecret.loadOrCreate(directory: folder.path)
        let devices = ReaderDevices(hub: HubWorkflowDevices(hub: hub, registry: registry))
        let departments = FakeDepartments()
        departments.answers["enrollment.query"] = enrollmentAnswer
        let events = EventBroadcaster()
        let catalogue = ServiceCatalogue(set: WorkflowLoader().load(directories: [workflowsFolder]), devices: devices, store: store, events: events)
        let manager = SessionManager(
            catalogue: catalogue, events: events, devices: devices, departments: departments, store: store, clock: ManualSessionClock(),
            settings: SessionSettings(kioskID: "demo-001", tickInterval: nil), auditSecret: secret
        )
        let log = EventLog(await events.subscribe())
        let watching = Task { await manager.watchCards() }
        defer { watching.cancel() }

        // Given a session identified by the social-security card, on its consent step.
        let started = try await manager.start(service: "hrss.enrollment", language: "zh-CN", elderly: false)
        let id = try #require(started["id"]?.stringValue)
        _ = try await manager.input(SessionInput(action: "choose", method: "social-security-card"), session: id)
        try await card.insert()
        try await log.wait(for: #"{"device":"ssc-reader","event":"presented","type":"card"}"#)
        try await Self.waitForStep("consent", of: id, manager)

        // When the card is taken out, then the session ends as cancelled with nothing of the citizen left.
        try await card.remove()
        try await log.wait(for: #"{"device":"ssc-reader","event":"removed","type":"card"}"#)
        try await log.wait(for: #"{"reason":"cancelled","sessionID":"\#(id)","type":"session-ended"}"#)
        let ended = try await manager.session(id)
        #expect(ended["state"] == "cancelled")
        #expect(ended["step"] == .null)
        #expect(await manager.current() == nil)
        #expect(!(log.texts.joined().contains(VirtualSocialSecurityCard.socialSecurityNumber)))
        // And no please-remove: the card is already out.
        #expect(!log.texts.contains { $0.contains("please-remove") })
        let audit = try #require(try await store.sessions().first)
        #expect(audit.outcome == "cancelled" && audit.lastStep == "consent" && audit.identification == "social-security-card")
        #expect(audit.citizenKey == secret.key(kind: .idNumber, value: VirtualSocialSecurityCard.socialSecurityNumber))

        // Given the card in again and a visit to its end, when the session finishes, then the citizen is asked to take it.
        try await card.insert()
        let second = try await manager.start(service: "hrss.enrollment", language: "zh-CN", elderly: false)
        let secondID = try #require(second["id"]?.stringValue)
        _ = try await manager.input(SessionInput(action: "choose", method: "social-security-card"), session: secondID)
        try await Self.waitForStep("consent", of: secondID, manager)
        for _ in 0..<10 {
            await manager.settle()
            guard let step = try await manager.session(secondID)["step"], step != .null,
                  let input = SessionDriver.answer(to: step, ending: .finished) else { break }
            _ = try await manager.input(input, session: secondID)
        }
        try await log.wait(for: #"{"reason":"finished","sessionID":"\#(secondID)","type":"session-ended"}"#)
        try await log.wait(for: #"{"device":"ssc-reader","event":"please-remove","type":"card"}"#)
        let finishedAt = log.texts.firstIndex(of: #"{"reason":"finished","sessionID":"\#(secondID)","type":"session-ended"}"#) ?? .max
        let remindedAt = log.texts.firstIndex(of: #"{"device":"ssc-reader","event":"please-remove","type":"card"}"#) ?? -1
        #expect(finishedAt < remindedAt, "please-remove comes after the session ended")
        try await card.remove()
        try await log.wait(for: #"{"device":"ssc-reader","event":"removed","type":"card"}"#, count: 2)
        #expect(try await store.sessions().first?.outcome == "finished")
    }

    /// Waits until session `id` is on a step of `kind`; fails with the session document.
    static func waitForStep(_ kind: String, of id: String, _ manager: SessionManager) async throws {
        do {
            try await waitUntil("the \(kind) step") { (try? await manager.session(id))?["step"]?["kind"]?.stringValue == kind }
        } catch {
            throw Failure(description: "\(error); the session: \((try? await manager.session(id)).map { "\($0)" } ?? "gone")")
        }
    }

    /// Polls `condition` (the hub and the session move on their own) for up to 30 s.
    static func waitUntil(_ what: String, _ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !(await condition()) {
            if ContinuousClock.now > deadline { throw Failure(description: "no \(what) within 30 s") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Every event published, as the WebSocket's text, in order.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    private var task: Task<Void, Never>?

    init(_ stream: AsyncStream<ServiceEvent>) {
        task = Task { [weak self] in
            for await event in stream { self?.append(event.text) }
        }
    }

    private func append(_ text: String) { lock.withLock { items.append(text) } }

    /// The events so far.
    var texts: [String] { lock.withLock { items } }

    /// Waits (up to 30 s) until `text` was sent `count` times.
    func wait(for text: String, count: Int = 1) async throws {
        try await CardSessionTests.waitUntil("event \(text) ×\(count)") { texts.filter { $0 == text }.count >= count }
    }

    deinit { task?.cancel() }
}

/// The social-security card reader of a real hub; zhang's ID card, printing and the rest from `FakeDevices`.
struct ReaderDevices: WorkflowDevices {
    let hub: HubWorkflowDevices
    let rest = FakeDevices()

    func readIDCard(timeout: Duration) async throws -> IDCardHolder { try await rest.readIDCard(timeout: timeout) }
    func readSocialSecurityCard(timeout: Duration) async throws -> SocialSecurityCard { try await hub.readSocialSecurityCard(timeout: timeout) }
    func nextQRCode(timeout: Duration) async throws -> ScannedCode { try await rest.nextQRCode(timeout: timeout) }
    func printReceipt(_ receipt: Receipt) async throws { try await rest.printReceipt(receipt) }
    func printCertificate(_ certificate: CertificateDocument) async throws { try await rest.printCertificate(certificate) }
    func availability(of role: DeviceRole) async -> DeviceAvailability {
        role == .socialSecurityCardReader ? await hub.availability(of: role) : await rest.availability(of: role)
    }
    func cardEvents() -> AsyncStream<CardPresence> { hub.cardEvents() }
    func cardPresence(of role: DeviceRole) async -> CardPresence? { await hub.cardPresence(of: role) }
}
