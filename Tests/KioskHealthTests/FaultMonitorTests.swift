import Foundation
import KioskCore
import KioskHealth
import KioskStore
import Testing

@Suite("Fault monitor: recording, recovery ladder, outbox")
struct FaultMonitorTests {
    struct Rig {
        let store: KioskStore
        let folder: String
        let sink: RecordingSink
        let dispatcher: AlertDispatcher
        let monitor: FaultMonitor
        let target: ScriptedTarget
        let kiosk: KioskIdentity
    }

    func rig(target: ScriptedTarget = ScriptedTarget()) throws -> Rig {
        let (store, folder) = try temporaryStore()
        let sink = RecordingSink()
        let kiosk = testKiosk()
        let dispatcher = AlertDispatcher(store: store, sinks: [sink], builder: AlertBuilder(kiosk: kiosk, bureaus: ["natural-resources-bureau": Bureau.builtIn[3]]))
        let monitor = FaultMonitor(store: store, routing: AlertRouting(kioskOwner: kiosk.owner), dispatcher: dispatcher, target: target)
        return Rig(store: store, folder: folder, sink: sink, dispatcher: dispatcher, monitor: monitor, target: target, kiosk: kiosk)
    }

    func report(_ id: String, _ fault: FaultCode?, at: Date = Date()) -> ProbeReport {
        ProbeReport(deviceID: id, state: fault == nil ? .online : .userError, fault: fault, detail: fault.map { "saw \($0)" } ?? "ok", at: at)
    }

    @Test("paper out → fault stored, alert queued with labels and owner; paper back → resolved")
    func paperOutAndBack() async throws {
        let rig = try rig()
        let policy = FaultPolicy(failuresBeforeFault: 2)
        #expect(await rig.monitor.handle(report("receipt-printer", .printerPaperOut), policy: policy) == nil)
        #expect(try await rig.store.outboxDepth() == 0)
        _ = await rig.monitor.handle(report("receipt-printer", .printerPaperOut), policy: policy)
        let open = try await rig.store.openFaults()
        #expect(open.map(\.code) == [.printerPaperOut])
        #expect(open.first?.alerted == true)
        #expect(open.first?.action == .clear)
        #expect(rig.target.attempts.value.isEmpty, "no recovery for paper out: a reset cannot load paper")
        #expect(await rig.dispatcher.deliverDue() == 1)
        let firing = try #require(rig.sink.received.value.first)
        #expect(firing.labels["alertname"] == "PrinterPaperOut")
        #expect(firing.labels["owner"] == "natural-resources-bureau")
        #expect(firing.labels["kiosk"] == rig.kiosk.id)
        #expect(firing.labels["device"] == "receipt-printer")
        #expect(firing.labels["severity"] == "critical")
        #expect(firing.annotations["summary"]?.contains("replace the 80 mm roll") == true)
        #expect(firing.annotations["owner_name"] == "自然资源局")
        #expect(firing.endsAt > Date())

        _ = await rig.monitor.handle(report("receipt-printer", nil), policy: policy)
        #expect(try await rig.store.openFaults().isEmpty)
        #expect(await rig.dispatcher.deliverDue() == 1)
        let resolved = try #require(rig.sink.received.value.last)
        #expect(resolved.labels == firing.labels)
        #expect(resolved.startsAt == firing.startsAt)
        #expect(resolved.endsAt <= Date())
        let history = try await rig.store.faultHistory(id: try #require(open.first?.id))
        #expect(history.map(\.kind) == ["raised", "alerted", "resolved"])
    }

    @Test("recovery ladder succeeds → no alert, the attempts are recorded")
    func recoveryFixes() async throws {
        let target = ScriptedTarget()
        target.faults.value = ["id-reader": .deviceNotAnswering]
        target.steps.value = [.reopen, .usbReset]
        target.fixingSteps.value = [.usbReset]
        let rig = try rig(target: target)
        _ = await rig.monitor.handle(report("id-reader", .deviceNotAnswering), policy: FaultPolicy(failuresBeforeFault: 1))
        #expect(target.attempts.value == [.reopen, .usbReset])
        #expect(try await rig.store.outboxDepth() == 0)
        let closed = try #require(try await rig.store.closedFaults().first)
        #expect(closed.status == .recovered)
        #expect(!closed.alerted)
        #expect(closed.recovery.map(\.step) == [.reopen, .usbReset])
        #expect(try await rig.store.faultHistory(id: closed.id!).map(\.kind) == ["raised", "recovery", "recovery", "recovered"])
        #expect(await rig.monitor.openFault(of: "id-reader") == nil)
    }

    @Test("recovery ladder fails → alert says what was tried")
    func recoveryFails() async throws {
        let target = ScriptedTarget()
        target.faults.value = ["id-reader": .deviceNotAnswering]
        target.steps.value = [.reopen, .usbReset]
        let rig = try rig(target: target)
        _ = await rig.monitor.handle(report("id-reader", .deviceNotAnswering), policy: FaultPolicy(failuresBeforeFault: 1))
        #expect(target.attempts.value == [.reopen, .usbReset])
        #expect(await rig.dispatcher.deliverDue() == 1)
        let description = try #require(rig.sink.received.value.first?.annotations["description"])
        #expect(description.contains("Tried: reopen (failed"))
        #expect(description.contains("usb-reset (failed"))
    }

    @Test("a restart restores open faults: no new incident, the resolution keeps the first startsAt")
    func restartKeepsIncident() async throws {
        let rig = try rig()
        _ = await rig.monitor.handle(report("receipt-printer", .printerCoverOpen), policy: FaultPolicy(failuresBeforeFault: 1))
        let first = try #require(try await rig.store.openFaults().first)
        // A new process: new store instance and monitor over the same database.
        let store = try KioskStore(directory: rig.folder)
        let dispatcher = AlertDispatcher(store: store, sinks: [rig.sink], builder: AlertBuilder(kiosk: rig.kiosk))
        let monitor = FaultMonitor(store: store, routing: AlertRouting(kioskOwner: rig.kiosk.owner), dispatcher: dispatcher)
        #expect(await monitor.handle(report("receipt-printer", .printerCoverOpen), policy: FaultPolicy(failuresBeforeFault: 1)) == nil)
        _ = await monitor.handle(report("receipt-printer", nil), policy: FaultPolicy(failuresBeforeFault: 1))
        #expect(try await store.openFaults().isEmpty)
        #expect(await dispatcher.deliverDue() == 2)
        let sent = rig.sink.received.value
        #expect(sent.count == 2)
        #expect(Set(sent.map(\.startsAt)).count == 1)
        #expect(sent.map { $0.endsAt > Date() } == [true, false])
        #expect(try await store.closedFaults().first?.id == first.id)
    }
}

@Suite("Durable outbox")
struct OutboxTests {
    func fault(_ id: Int64, subject: String = "receipt-printer", status: FaultStatus = .open, at: Date = Date()) -> FaultRecord {
        FaultRecord(id: id, subject: subject, code: .printerPaperOut, severity: .critical, action: .clear, owner: "natural-resources-bureau",
                    summary: "s", summaryZH: "s", detail: "d", status: status, startedAt: at, resolvedAt: status == .open ? nil : at.addingTimeInterval(5), alerted: true)
    }

    @Test("while the sink is down alerts wait with backoff; then they arrive in order per alert, none twice")
    func outageThenDelivery() async throws {
        let (store, _) = try temporaryStore()
        let sink = RecordingSink()
        sink.failing.value = true
        let clock = Box(Date(timeIntervalSince1970: 1_800_000_000))
        let dispatcher = AlertDispatcher(
            store: store, sinks: [sink], builder: AlertBuilder(kiosk: testKiosk()),
            backoff: OutboxBackoff(base: .seconds(1), maximum: .seconds(8), random: { 0.999 }), now: { clock.value }
        )
        let start = clock.value
        try await dispatcher.publish(fault(1, at: start))
        try await dispatcher.publish(fault(2, subject: "a4-printer", at: start))
        try await dispatcher.publish(fault(1, status: .resolved, at: start))
        #expect(try await store.outboxDepth() == 3)
        #expect(await dispatcher.deliverDue() == 0)
        // The first try failed: the heads of both keys wait about a second; the resolution waits behind its firing.
        let pending = try await store.outboxMessages()
        #expect(pending.map(\.attempts) == [1, 1, 0])
        let wait = try #require(try await store.nextOutboxAttempt()).timeIntervalSince(start)
        #expect(wait > 0.9 && wait <= 1.0)
        clock.value = start.addingTimeInterval(1)
        #expect(await dispatcher.deliverDue() == 0)
        let second = try #require(try await store.nextOutboxAttempt()).timeIntervalSince(clock.value)
        #expect(second > 1.9 && second <= 2.0, "backoff doubles")
        sink.failing.value = false
        clock.value = start.addingTimeInterval(10)
        #expect(await dispatcher.deliverDue() == 3)
        let sent = sink.received.value
        #expect(sent.map { $0.labels["device"]! } == ["receipt-printer", "a4-printer", "receipt-printer"])
        #expect(sent.map { $0.endsAt > clock.value } == [true, true, false])
        #expect(try await store.outboxDepth() == 0)
        #expect(await dispatcher.deliverDue() == 0)
    }

    @Test("resends during an outage refresh the queued alert instead of piling up")
    func coalesce() async throws {
        let (store, _) = try temporaryStore()
        let sink = RecordingSink()
        sink.failing.value = true
        let dispatcher = AlertDispatcher(store: store, sinks: [sink], builder: AlertBuilder(kiosk: testKiosk()))
        let record = fault(7)
        try await dispatcher.publish(record)
        try await dispatcher.publish(record)
        try await dispatcher.publish(record)
        #expect(try await store.outboxDepth() == 1)
        try await dispatcher.publish(fault(7, status: .resolved))
        #expect(try await store.outboxDepth() == 2)
    }

    @Test("backoff grows exponentially, is capped, and the jitter keeps it between 50 and 100 %")
    func backoff() {
        let low = OutboxBackoff(base: .seconds(1), maximum: .seconds(60), random: { 0 })
        let high = OutboxBackoff(base: .seconds(1), maximum: .seconds(60), random: { 0.999_999 })
        #expect(low.delay(afterAttempts: 0) == 0.5)
        #expect(abs(high.delay(afterAttempts: 3) - 8) < 0.001)
        #expect(abs(high.delay(afterAttempts: 20) - 60) < 0.001)
    }

    @Test("a message for a sink no longer configured is dropped, not kept forever")
    func orphanedSink() async throws {
        let (store, _) = try temporaryStore()
        try await store.enqueue([OutboxMessage(sink: "alertmanager http://gone", alertKey: "fault-1", kind: .firing, payload: Data("{}".utf8), createdAt: Date())])
        let dispatcher = AlertDispatcher(store: store, sinks: [RecordingSink()], builder: AlertBuilder(kiosk: testKiosk()))
        #expect(await dispatcher.deliverDue() == 1)
        #expect(try await store.outboxDepth() == 0)
        #expect(try await store.outboxMessages().first?.lastError?.contains("no longer configured") == true)
    }
}
