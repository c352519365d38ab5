import Foundation
import KioskCore
import KioskHealth
import KioskStore
import Testing

@Suite("Alerting through a real Alertmanager", .serialized)
struct AlertmanagerTests {
    func report(_ id: String, _ fault: FaultCode?) -> ProbeReport {
        ProbeReport(deviceID: id, state: fault == nil ? .online : .userError, fault: fault, detail: fault.map { "probe saw \($0)" } ?? "ok")
    }

    @Test("paper out → alert with kiosk, site, device, severity and owner at Alertmanager and both webhooks; paper back → resolved")
    func paperOutAndResolved() async throws {
        let am = try TestAlertmanager.fromEnvironment()
        let (store, _) = try temporaryStore()
        let kiosk = testKiosk(owner: "natural-resources-bureau")
        let dispatcher = AlertDispatcher(
            store: store, sinks: [AlertmanagerSink(baseURL: am.url), WebhookSink(url: am.webhookURL)],
            builder: AlertBuilder(kiosk: kiosk, bureaus: Dictionary(uniqueKeysWithValues: Bureau.builtIn.map { ($0.id, $0) })),
            heartbeatInterval: nil
        )
        let monitor = FaultMonitor(store: store, routing: AlertRouting(kioskOwner: kiosk.owner), dispatcher: dispatcher)
        let service = Task { try await dispatcher.run() }
        defer { service.cancel() }

        _ = await monitor.handle(report("receipt-printer", .printerPaperOut), policy: FaultPolicy(failuresBeforeFault: 1))
        #expect(try await eventually { try await am.alerts(kiosk: kiosk.id).count == 1 })
        let listed = try #require(try await am.alerts(kiosk: kiosk.id).first)
        #expect(listed.labels["alertname"] == "PrinterPaperOut")
        #expect(listed.labels["site"] == "test-site")
        #expect(listed.labels["device"] == "receipt-printer")
        #expect(listed.labels["severity"] == "critical")
        #expect(listed.labels["owner"] == "natural-resources-bureau")
        #expect(listed.annotations["summary"]?.contains("receipt paper out — replace the 80 mm roll") == true)
        #expect(listed.annotations["runbook"]?.hasSuffix("printer.paper-out") == true)
        #expect(listed.status.state == "active")
        let fault = try #require(try await store.openFaults().first)
        #expect(listed.fingerprint == AlertBuilder(kiosk: kiosk).alert(for: fault, now: Date(), resendInterval: .seconds(60)).fingerprint,
                "our fingerprint is Alertmanager's")

        #expect(try await eventually(timeout: 8) { try !am.received(kiosk: kiosk.id, path: "/hook").isEmpty })
        let hooked = try #require(try am.received(kiosk: kiosk.id, path: "/hook").first)
        #expect(hooked.alert.status == "firing")
        #expect(hooked.alert.labels["owner"] == "natural-resources-bureau")
        let direct = try #require(try am.received(kiosk: kiosk.id, path: "/direct").first)
        #expect(direct.notification.body.version == "4")
        #expect(direct.alert.status == "firing")
        #expect(direct.alert.fingerprint == listed.fingerprint)

        _ = await monitor.handle(report("receipt-printer", nil), policy: FaultPolicy(failuresBeforeFault: 1))
        #expect(try await eventually(timeout: 8) { try am.received(kiosk: kiosk.id, path: "/hook").contains { $0.alert.status == "resolved" } })
        #expect(try await eventually { try await am.alerts(kiosk: kiosk.id).isEmpty })
        // Each sink gets the resolution in its own delivery: the direct webhook may get it a moment after Alertmanager.
        #expect(try await eventually(timeout: 8) { try am.received(kiosk: kiosk.id, path: "/direct").count >= 2 })
        let directResolved = try am.received(kiosk: kiosk.id, path: "/direct").map(\.alert)
        #expect(directResolved.map(\.status) == ["firing", "resolved"])
        #expect(Set(directResolved.map(\.startsAt)).count == 1, "the resolution is the same incident")
        // The receivers record a message before they answer; the row is marked delivered once the answer is back.
        #expect(try await eventually { try await store.outboxDepth() == 0 })
    }

    @Test("Alertmanager down, kioskd crashes with alerts pending, both come back: every alert arrives in order, none twice")
    func outageAndCrash() async throws {
        let am = try TestAlertmanager.fromEnvironment()
        let port = try TestAlertmanager.closedPort()
        let url = "http://127.0.0.1:\(port)"
        let (store, folder) = try temporaryStore()
        let kiosk = testKiosk()
        do {
            let dispatcher = AlertDispatcher(store: store, sinks: [AlertmanagerSink(baseURL: url)], builder: AlertBuilder(kiosk: kiosk), heartbeatInterval: nil)
            let monitor = FaultMonitor(store: store, routing: AlertRouting(kioskOwner: kiosk.owner), dispatcher: dispatcher)
            let once = FaultPolicy(failuresBeforeFault: 1)
            _ = await monitor.handle(report("receipt-printer", .printerPaperOut), policy: once)
            _ = await monitor.handle(report("a4-printer", .a4MediaJam), policy: once)
            _ = await monitor.handle(report("receipt-printer", nil), policy: once)
            #expect(await dispatcher.deliverDue() == 0)
            #expect(try await store.outboxDepth() == 3)
            #expect(try await store.outboxMessages().allSatisfy { $0.lastError?.contains("unreachable") == true || $0.attempts == 0 })
        }
        // "Restart": a new store instance and dispatcher over the same database; Alertmanager returns on the same port.
        let restarted = try KioskStore(directory: folder)
        let dispatcher = AlertDispatcher(
            store: restarted, sinks: [AlertmanagerSink(baseURL: url)], builder: AlertBuilder(kiosk: kiosk), heartbeatInterval: nil,
            backoff: OutboxBackoff(base: .milliseconds(200), maximum: .seconds(1))
        )
        let pid = try am.startAnother(port: port)
        defer { kill(pid, SIGTERM) }
        #expect(try await eventually(timeout: 10) {
            await dispatcher.deliverDue()
            return try await restarted.outboxDepth() == 0
        })
        let delivered = try await restarted.outboxMessages()
        #expect(delivered.map(\.kind) == [.firing, .firing, .resolved])
        #expect(delivered.allSatisfy { $0.deliveredAt != nil && $0.lastError == nil })
        let paper = delivered.filter { $0.alertKey == delivered[0].alertKey }
        #expect(paper.count == 2 && paper[0].deliveredAt! <= paper[1].deliveredAt!, "the resolution went after its firing alert")
        // Alertmanager ends with the jam firing and the paper-out resolved (a resolution before its firing would leave it firing).
        let active = try await am.alerts(kiosk: kiosk.id, base: url)
        #expect(active.map { $0.labels["alertname"] } == ["A4MediaJam"])
        #expect(try await eventually(timeout: 8) {
            let hooked = try am.received(kiosk: kiosk.id, path: "/hook")
            return hooked.contains { $0.alert.labels["alertname"] == "A4MediaJam" } && hooked.contains { $0.alert.labels["alertname"] == "PrinterPaperOut" && $0.alert.status == "resolved" }
        })
        let hooked = try am.received(kiosk: kiosk.id, path: "/hook").map(\.alert)
        for name in ["A4MediaJam", "PrinterPaperOut"] {
            let incidents = Set(hooked.filter { $0.labels["alertname"] == name }.map { "\($0.fingerprint) \($0.startsAt)" })
            #expect(incidents.count == 1, "\(name) arrived as \(incidents.count) incidents")
        }
        // A resend after the restart is the same incident, not a new one.
        try await dispatcher.queueResends()
        #expect(await dispatcher.deliverDue() == 2)
        #expect(try await am.alerts(kiosk: kiosk.id, base: url).count == 1)
    }

    @Test("maintenance: a silence for kiosk=<id> is made at Alertmanager, faults are still recorded, stop expires it")
    func maintenanceSilence() async throws {
        let am = try TestAlertmanager.fromEnvironment()
        let (store, _) = try temporaryStore()
        let kiosk = testKiosk()
        let maintenance = MaintenanceController(store: store, kioskID: kiosk.id, alertmanagerURLs: [am.url])
        let window = try await maintenance.start(reason: "replacing the receipt printer", duration: .seconds(1800), actor: "test")
        let silenceID = try #require(window.silences.first?.silenceID, "silence not created: \(String(describing: window.silences.first?.error))")
        let silence = try await am.silence(silenceID)
        #expect(silence.status.state == "active")
        #expect(silence.matchers.map { "\($0.name)=\($0.value)" } == ["kiosk=\(kiosk.id)"])
        #expect(silence.comment.contains("replacing the receipt printer"))
        #expect(try await maintenance.current().active)

        let dispatcher = AlertDispatcher(store: store, sinks: [AlertmanagerSink(baseURL: am.url)], builder: AlertBuilder(kiosk: kiosk), heartbeatInterval: nil)
        let monitor = FaultMonitor(store: store, routing: AlertRouting(kioskOwner: kiosk.owner), dispatcher: dispatcher)
        _ = await monitor.handle(report("receipt-printer", .printerCoverOpen), policy: FaultPolicy(failuresBeforeFault: 1))
        #expect(await dispatcher.deliverDue() == 1)
        #expect(try await store.openFaults().count == 1, "faults are still recorded during maintenance")
        #expect(try await eventually { try await am.alerts(kiosk: kiosk.id).first?.status.state == "suppressed" })
        #expect(try await am.alerts(kiosk: kiosk.id).first?.status.silencedBy == [silenceID])

        let stopped = try await maintenance.stop(actor: "test")
        #expect(stopped.stoppedAt != nil)
        #expect(try await am.silence(silenceID).status.state == "expired")
        #expect(try await maintenance.current().active == false)
        #expect(try await eventually { try await am.alerts(kiosk: kiosk.id).first?.status.state == "active" })
        await #expect(throws: MaintenanceError.self) { try await maintenance.stop(actor: "test") }
    }

    @Test("the heartbeat is an always-firing alert at Alertmanager")
    func heartbeat() async throws {
        let am = try TestAlertmanager.fromEnvironment()
        let (store, _) = try temporaryStore()
        let kiosk = testKiosk()
        let dispatcher = AlertDispatcher(store: store, sinks: [AlertmanagerSink(baseURL: am.url)], builder: AlertBuilder(kiosk: kiosk), heartbeatInterval: .seconds(60))
        try await dispatcher.queueHeartbeat()
        #expect(await dispatcher.deliverDue() == 1)
        let alert = try #require(try await am.alerts(kiosk: kiosk.id).first)
        #expect(alert.labels["alertname"] == AlertBuilder.heartbeatName)
        #expect(alert.labels["owner"] == kiosk.owner)
        #expect(alert.status.state == "active")
    }

    @Test("an alert Alertmanager rejects is dropped with the reason, not retried forever")
    func rejected() async throws {
        let am = try TestAlertmanager.fromEnvironment()
        let (store, _) = try temporaryStore()
        let bad = OutboundAlert(labels: ["alertname": "Bad", "kiosk": "x"], annotations: [:], startsAt: Date(), endsAt: Date().addingTimeInterval(-3600), generatorURL: "")
        try await store.enqueue([OutboxMessage(sink: "alertmanager \(am.url)", alertKey: "bad", kind: .firing, payload: try OutboundAlert.encoder.encode(bad), createdAt: Date())])
        let dispatcher = AlertDispatcher(store: store, sinks: [AlertmanagerSink(baseURL: am.url)], builder: AlertBuilder(kiosk: testKiosk()), heartbeatInterval: nil)
        #expect(await dispatcher.deliverDue() == 1)
        #expect(try await store.outboxDepth() == 0)
        #expect(try await store.outboxMessages().first?.lastError?.contains("HTTP 400") == true)
    }
}
