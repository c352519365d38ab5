import Foundation
import KioskCore
import KioskHealth
import KioskStore
import Testing

@Suite("Probe scheduler")
struct ProbeSchedulerTests {
    func rig(_ target: ScriptedTarget, clock: ManualClock, subjects: (ScriptedTarget) -> [ProbeSubject], hotplug: AsyncStream<String>? = nil) throws -> (ProbeScheduler, FaultMonitor, KioskStore) {
        let (store, _) = try temporaryStore()
        let monitor = FaultMonitor(store: store, routing: AlertRouting(kioskOwner: "service-centre"), dispatcher: nil, target: target, now: { clock.now() })
        let scheduler = ProbeScheduler(subjects: subjects(target), monitor: monitor, clock: clock, hotplug: hotplug)
        return (scheduler, monitor, store)
    }

    func count(_ target: ScriptedTarget, _ id: String) -> Int { target.probes.value.filter { $0 == id }.count }

    @Test("each device is probed at once, then on its own interval")
    func intervals() async throws {
        let clock = ManualClock()
        let target = ScriptedTarget(now: { clock.now() })
        let (scheduler, _, _) = try rig(target, clock: clock) { target in
            [
                .device("receipt-printer", schedule: HealthSchedule(interval: .seconds(30)), target: target),
                .device("touch", schedule: HealthSchedule(interval: .seconds(60)), target: target),
            ]
        }
        let task = Task { try await scheduler.run() }
        defer { task.cancel() }
        #expect(await eventually { self.count(target, "receipt-printer") == 1 && self.count(target, "touch") == 1 && clock.sleeperCount == 2 })
        clock.advance(by: 30)
        #expect(await eventually { self.count(target, "receipt-printer") == 2 && clock.sleeperCount == 2 })
        #expect(count(target, "touch") == 1)
        clock.advance(by: 30)
        #expect(await eventually { self.count(target, "receipt-printer") == 3 && self.count(target, "touch") == 2 && clock.sleeperCount == 2 })
    }

    @Test("a hot-plug event probes at once and a failure then is a fault without waiting for N probes")
    func hotplug() async throws {
        let clock = ManualClock()
        let target = ScriptedTarget(now: { clock.now() })
        let (stream, continuation) = AsyncStream<String>.makeStream()
        let (scheduler, monitor, store) = try rig(target, clock: clock, subjects: { target in
            [.device("receipt-printer", schedule: HealthSchedule(interval: .seconds(300), failuresBeforeFault: 3), target: target)]
        }, hotplug: stream)
        let task = Task { try await scheduler.run() }
        defer { task.cancel() }
        #expect(await eventually { self.count(target, "receipt-printer") == 1 && clock.sleeperCount == 1 })
        target.faults.value = ["receipt-printer": .deviceMissing]
        continuation.yield("receipt-printer")
        #expect(await eventually { self.count(target, "receipt-printer") == 2 })
        #expect(await eventually { await monitor.openFault(of: "receipt-printer")?.code == .deviceMissing })
        #expect(try await store.openFaults().count == 1)
        continuation.yield("not-configured")
    }

    @Test("a probe that hangs past its timeout counts as not answering")
    func timeout() async throws {
        let clock = ManualClock()
        let subject = ProbeSubject(id: "stuck", schedule: HealthSchedule(interval: .seconds(30), timeout: .seconds(2))) { _ in
            try? await Task.sleep(nanoseconds: 60_000_000_000)
            return ProbeReport(deviceID: "stuck", state: .online, detail: "late")
        }
        let probe = Task { await ProbeScheduler.probe(subject, level: .internal, clock: clock) }
        #expect(await eventually { clock.sleeperCount == 1 })
        clock.advance(by: 2)
        let report = await probe.value
        #expect(report.fault == .deviceNotAnswering)
        #expect(report.detail.contains("longer than"))
    }

    @Test("kiosk checks: low disk, unsynchronised clock, unreachable backend, dead browser")
    func kioskChecks() async throws {
        let disk = KioskProbes.disk(directory: "/", minimumFreeBytes: UInt64.max)
        #expect(await disk.probe(.internal).fault == .kioskDiskLow)
        let roomy = KioskProbes.disk(directory: "/", minimumFreeBytes: 0, minimumFreeFraction: 0)
        let report = await roomy.probe(.internal)
        #expect(report.fault == nil)
        #expect(report.facts["freeBytes"] != nil)
        #expect(await KioskProbes.clock(reader: { (false, "no NTP") }).probe(.internal).fault == .kioskClockUnsynchronised)
        #expect(await KioskProbes.clock(reader: { (true, "ok") }).probe(.internal).fault == nil)
        let backend = KioskProbes.backend(.nr) { _ in "connection refused" }
        let backendReport = await backend.probe(.internal)
        #expect(backendReport.fault == .kioskBackendUnreachable)
        #expect(backendReport.deviceID == "kiosk.backend.nr")
        #expect(await KioskProbes.browser { "no process" }.probe(.internal).fault == .kioskBrowserDown)
        #expect(await KioskProbes.browser { nil }.probe(.internal).fault == nil)
    }
}
