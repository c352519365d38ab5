import Foundation
import KioskCore
import KioskHealth
import KioskStore
import Testing

/// A fresh store in a temporary folder, and the folder (to open a second instance over it).
func temporaryStore() throws -> (KioskStore, String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-health-\(UUID().uuidString)").path
    return (try KioskStore(directory: folder), folder)
}

/// A kiosk identity unique to one test, so tests sharing an Alertmanager find only their own alerts.
func testKiosk(owner: String = "natural-resources-bureau") -> KioskIdentity {
    let suffix = UUID().uuidString.prefix(8).lowercased()
    return KioskIdentity(
        id: "test-\(suffix)", name: "测试终端 \(suffix)", site: "test-site", address: "test address",
        owner: owner, contact: Contact(name: "Test Keeper")
    )
}

/// A mutable value shared with @Sendable closures in tests.
final class Box<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    func update<T>(_ change: (inout Value) -> T) -> T { lock.withLock { change(&stored) } }
}

/// A device runtime that answers from a script: the faults to report, which recovery steps work.
final class ScriptedTarget: ProbeTarget, @unchecked Sendable {
    let faults = Box<[String: FaultCode]>([:])
    let steps = Box<[RecoveryStep]>([])
    /// Recovery steps that fix the fault (clearing it from `faults`).
    let fixingSteps = Box<Set<RecoveryStep>>([])
    let probes = Box<[String]>([])
    let attempts = Box<[RecoveryStep]>([])
    let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date = Date.init) { self.now = now }

    func probe(_ id: String, level: ProbeLevel) async -> ProbeReport {
        probes.update { $0.append(id) }
        if let fault = faults.value[id] {
            return ProbeReport(deviceID: id, state: fault == .deviceMissing ? .noDevice : .userError, fault: fault, detail: "scripted \(fault)", at: now())
        }
        return ProbeReport(deviceID: id, state: .online, detail: "scripted ok", at: now())
    }

    func recoverySteps(_ id: String) async -> [RecoveryStep] { steps.value }

    func recover(_ id: String, _ step: RecoveryStep) async -> RecoveryAttempt {
        attempts.update { $0.append(step) }
        if fixingSteps.value.contains(step) {
            faults.update { $0[id] = nil }
            return RecoveryAttempt(step: step, succeeded: true, detail: "scripted fix")
        }
        return RecoveryAttempt(step: step, succeeded: false, detail: "scripted failure")
    }
}

/// A clock the test moves by hand; sleepers wake when it passes their deadline.
final class ManualClock: HealthClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [(id: UUID, deadline: Date, continuation: CheckedContinuation<Void, Never>)] = []

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = start }

    func now() -> Date { lock.withLock { current } }

    var sleeperCount: Int { lock.withLock { sleepers.count } }

    func sleep(until deadline: Date) async {
        let id = UUID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.lock()
                if deadline <= current || Task.isCancelled {
                    lock.unlock()
                    continuation.resume()
                    return
                }
                sleepers.append((id, deadline, continuation))
                lock.unlock()
            }
        } onCancel: {
            wake { $0.id == id }
        }
    }

    func advance(by seconds: TimeInterval) {
        let now = lock.withLock { () -> Date in
            current = current.addingTimeInterval(seconds)
            return current
        }
        wake { $0.deadline <= now }
    }

    private func wake(_ which: ((id: UUID, deadline: Date, continuation: CheckedContinuation<Void, Never>)) -> Bool) {
        let woken = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            let due = sleepers.filter(which)
            sleepers.removeAll(where: which)
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
    }
}

/// Waits (really) until `condition` holds, up to `timeout` seconds; false when it never did. The limit is
/// long because the whole suite runs in parallel on a small CI machine.
func eventually(timeout: TimeInterval = 30, _ condition: @Sendable () async throws -> Bool) async rethrows -> Bool {
    let end = Date().addingTimeInterval(timeout)
    while Date() < end {
        if try await condition() { return true }
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
    return try await condition()
}

/// A sink that records what it is given, failing while `failing` is set.
final class RecordingSink: AlertSink, @unchecked Sendable {
    let name: String
    let wantsResends = true
    let wantsHeartbeat = true
    let received = Box<[OutboundAlert]>([])
    let failing = Box(false)

    init(name: String = "recording test") { self.name = name }

    func deliver(_ alerts: [OutboundAlert]) async throws(AlertDeliveryError) {
        if failing.value { throw .unreachable(sink: name, reason: "scripted outage") }
        received.update { $0.append(contentsOf: alerts) }
    }
}
