import Foundation
import KioskCore
import KioskDevices
import Logging
import ServiceLifecycle

/// Runs every subject's probe on its interval, and at once when a device is plugged or unplugged;
/// feeds the reports to the fault monitor. A ServiceLifecycle service.
public final class ProbeScheduler: Service, Sendable {
    let subjects: [ProbeSubject]
    let monitor: FaultMonitor
    let clock: any HealthClock
    let hotplug: AsyncStream<String>?
    let onReport: (@Sendable (ProbeReport) async -> Void)?
    let logger: Logger
    let metrics: HealthMetrics
    let wakeups: [String: Wakeup]

    /// - Parameters:
    ///   - hotplug: ids of devices to probe at once (see `hotplugIDs(from:)`); a failure found then is confirmed without debouncing.
    ///   - onReport: called with every report before the fault monitor sees it (e.g. to set the registry's state).
    public init(
        subjects: [ProbeSubject], monitor: FaultMonitor, clock: any HealthClock = SystemHealthClock(),
        hotplug: AsyncStream<String>? = nil, onReport: (@Sendable (ProbeReport) async -> Void)? = nil,
        logger: Logger = Logger(label: "kioskd.health"), metrics: HealthMetrics = HealthMetrics()
    ) {
        self.subjects = subjects
        self.monitor = monitor
        self.clock = clock
        self.hotplug = hotplug
        self.onReport = onReport
        self.logger = logger
        self.metrics = metrics
        self.wakeups = Dictionary(uniqueKeysWithValues: subjects.map { ($0.id, Wakeup()) })
    }

    /// The device ids to probe at once, from the registry's appeared and disappeared events.
    public static func hotplugIDs(from events: AsyncStream<RegistryEvent>) -> AsyncStream<String> {
        AsyncStream(bufferingPolicy: .bufferingNewest(256)) { continuation in
            let task = Task {
                for await event in events where event.kind == .appeared || event.kind == .disappeared {
                    continuation.yield(event.deviceID)
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    public func run() async throws {
        try? await monitor.restore()
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for subject in self.subjects {
                    group.addTask { await self.loop(subject) }
                }
                if let hotplug = self.hotplug {
                    group.addTask {
                        for await id in hotplug {
                            self.hotplugged(id)
                        }
                    }
                }
                await group.waitForAll()
            }
        }
    }

    private let hotplugFlags = HotplugFlags()

    private func hotplugged(_ id: String) {
        probeSoon(id)
    }

    /// Wakes subject `id`'s loop to probe it now rather than at its next interval, as a hot-plug does: a failure
    /// found then is confirmed without debouncing (something changed, so there is no blip to ride out).
    /// Returns false when no subject has this id.
    @discardableResult
    public func probeSoon(_ id: String) -> Bool {
        guard let wakeup = wakeups[id] else { return false }
        hotplugFlags.set(id)
        wakeup.signal()
        return true
    }

    private func loop(_ subject: ProbeSubject) async {
        guard let wakeup = wakeups[subject.id] else { return }
        while !Task.isCancelled {
            let immediate = hotplugFlags.take(subject.id)
            _ = await probeOnce(subject, immediate: immediate)
            let deadline = clock.now().addingTimeInterval(subject.schedule.interval.seconds)
            await wakeup.wait { await self.clock.sleep(until: deadline) }
        }
    }

    /// Probes one subject now (with its timeout) and feeds the result to the fault monitor.
    @discardableResult
    public func probeOnce(_ subject: ProbeSubject, level: ProbeLevel = .internal, immediate: Bool = false) async -> ProbeReport {
        let report = await Self.probe(subject, level: level, clock: clock)
        if let onReport { await onReport(report) }
        metrics.deviceState(subject.id, report.state)
        await monitor.handle(report, policy: subject.policy, immediate: immediate)
        return report
    }

    /// Runs a subject's probe; when it takes longer than the schedule's timeout, reports `device.not-answering`.
    public static func probe(_ subject: ProbeSubject, level: ProbeLevel, clock: any HealthClock) async -> ProbeReport {
        let started = clock.now()
        let deadline = started.addingTimeInterval(subject.schedule.timeout.seconds)
        let once = ResumeOnce<ProbeReport>()
        return await withCheckedContinuation { continuation in
            once.set(continuation)
            let work = Task {
                once.resume(with: await subject.probe(level))
            }
            let timer = Task {
                await clock.sleep(until: deadline)
                guard !Task.isCancelled else { return }
                once.resume(with: ProbeReport(
                    deviceID: subject.id, state: .offline, fault: .deviceNotAnswering,
                    detail: "probe took longer than \(subject.schedule.timeout)", at: clock.now()
                ))
                work.cancel()
            }
            once.onResume { timer.cancel() }
        }
    }
}

/// Which subjects were hot-plugged since their last probe.
final class HotplugFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: Set<String> = []

    func set(_ id: String) {
        lock.lock()
        ids.insert(id)
        lock.unlock()
    }

    func take(_ id: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return ids.remove(id) != nil
    }
}

/// Resumes a continuation with the first value given, ignoring later ones.
final class ResumeOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?
    private var early: Value?
    private var done = false
    private var callbacks: [@Sendable () -> Void] = []

    func set(_ continuation: CheckedContinuation<Value, Never>) {
        lock.lock()
        if let early {
            done = true
            lock.unlock()
            continuation.resume(returning: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func onResume(_ callback: @escaping @Sendable () -> Void) {
        lock.lock()
        if done {
            lock.unlock()
            callback()
            return
        }
        callbacks.append(callback)
        lock.unlock()
    }

    func resume(with value: Value) {
        lock.lock()
        guard !done, early == nil else {
            lock.unlock()
            return
        }
        guard let continuation else {
            early = value
            lock.unlock()
            return
        }
        done = true
        self.continuation = nil
        let callbacks = self.callbacks
        self.callbacks = []
        lock.unlock()
        continuation.resume(returning: value)
        for callback in callbacks { callback() }
    }
}
