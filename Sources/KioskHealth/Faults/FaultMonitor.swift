import Foundation
import KioskCore
import KioskStore
import Logging

/// Turns probe reports into faults: runs each subject's state machine, records faults and their history,
/// tries the recovery ladder before alerting, and hands alerts to the dispatcher.
public actor FaultMonitor {
    let store: KioskStore
    let catalogue: FaultCatalogue
    let routing: AlertRouting
    let dispatcher: AlertDispatcher?
    let target: (any ProbeTarget)?
    let now: @Sendable () -> Date
    let logger: Logger
    let metrics: HealthMetrics
    private var trackers: [String: FaultTracker] = [:]
    private var open: [String: FaultRecord] = [:]
    private var restored = false

    public init(
        store: KioskStore, catalogue: FaultCatalogue = FaultCatalogue(), routing: AlertRouting, dispatcher: AlertDispatcher?,
        target: (any ProbeTarget)? = nil, now: @escaping @Sendable () -> Date = Date.init,
        logger: Logger = Logger(label: "kioskd.health"), metrics: HealthMetrics = HealthMetrics()
    ) {
        self.store = store
        self.catalogue = catalogue
        self.routing = routing
        self.dispatcher = dispatcher
        self.target = target
        self.now = now
        self.logger = logger
        self.metrics = metrics
    }

    /// The open fault of a subject, if any.
    public func openFault(of subject: String) -> FaultRecord? { open[subject] }

    /// Every open fault.
    public var openFaults: [FaultRecord] { open.values.sorted { ($0.id ?? 0) < ($1.id ?? 0) } }

    /// Loads the faults left open by the previous run, so a restart does not raise them again as new incidents.
    public func restore() async throws(StoreError) {
        guard !restored else { return }
        restored = true
        for fault in try await store.openFaults() {
            open[fault.subject] = fault
        }
        updateOpenMetrics()
    }

    /// Feeds one probe report through the subject's state machine and acts on what changed.
    @discardableResult
    public func handle(_ report: ProbeReport, policy: FaultPolicy, immediate: Bool = false) async -> FaultTransition? {
        if !restored { try? await restore() }
        let subject = report.deviceID
        var tracker = trackers[subject] ?? {
            if let fault = open[subject] { return FaultTracker(policy: policy, restoring: fault.code, since: fault.startedAt) }
            return FaultTracker(policy: policy)
        }()
        tracker.policy = policy
        let transition = tracker.observe(report, immediate: immediate)
        trackers[subject] = tracker
        guard let transition else { return nil }
        do {
            switch transition {
            case .raise(let code, let at, let flapping):
                try await raise(code, report: report, at: at, flapping: flapping)
            case .resolve(_, let at):
                try await resolve(subject, at: at)
            case .replace(_, let new, let at):
                try await resolve(subject, at: at)
                try await raise(new, report: report, at: at, flapping: false)
            }
        } catch {
            logger.error("cannot record a fault", metadata: ["subject": "\(subject)", "error": "\(error)"])
        }
        updateOpenMetrics()
        return transition
    }

    private func raise(_ code: FaultCode, report: ProbeReport, at: Date, flapping: Bool) async throws(StoreError) {
        let subject = report.deviceID
        let definition = catalogue.definition(for: code)
        var fault = try await store.insertFault(FaultRecord(
            subject: subject, code: code, severity: definition.severity, action: definition.action,
            owner: routing.owner(of: subject), summary: definition.lineEN(filling: report.facts),
            summaryZH: definition.lineZH(filling: report.facts),
            detail: report.detail, startedAt: at, flapping: flapping
        ))
        metrics.faultRaised(code, severity: definition.severity)
        logger.warning("fault raised", metadata: ["subject": "\(subject)", "code": "\(code)", "detail": "\(report.detail)"])

        if definition.recoverable, !flapping, !subject.hasPrefix("kiosk."), let target {
            for step in await target.recoverySteps(subject) {
                let attempt = await target.recover(subject, step)
                fault.recovery.append(attempt)
                try await store.updateFault(fault, history: "recovery", detail: "\(step.rawValue): \(attempt.succeeded ? "done" : "failed") — \(attempt.detail)", at: now())
                guard attempt.succeeded else { continue }
                let check = await target.probe(subject, level: .internal)
                if FaultTracker.fault(of: check) == nil {
                    fault.status = .recovered
                    fault.resolvedAt = now()
                    try await store.updateFault(fault, history: "recovered", detail: "healthy again after \(step.rawValue)", at: fault.resolvedAt!)
                    trackers[subject] = FaultTracker(policy: trackers[subject]?.policy ?? FaultPolicy())
                    metrics.faultRecovered(code)
                    logger.notice("fault recovered without an alert", metadata: ["subject": "\(subject)", "code": "\(code)", "step": "\(step.rawValue)"])
                    return
                }
            }
        }
        fault.alerted = true
        try await store.updateFault(fault, history: "alerted", detail: "alert to \(fault.owner)", at: now())
        open[subject] = fault
        try await dispatcher?.publish(fault)
    }

    private func resolve(_ subject: String, at: Date) async throws(StoreError) {
        guard var fault = open.removeValue(forKey: subject) else { return }
        fault.status = .resolved
        fault.resolvedAt = at
        try await store.updateFault(fault, history: "resolved", detail: "healthy again", at: at)
        logger.notice("fault resolved", metadata: ["subject": "\(subject)", "code": "\(fault.code)"])
        if fault.alerted { try await dispatcher?.publish(fault) }
    }

    private func updateOpenMetrics() {
        var counts: [FaultSeverity: Int] = [:]
        for fault in open.values { counts[fault.severity, default: 0] += 1 }
        metrics.openFaults(counts)
    }
}
