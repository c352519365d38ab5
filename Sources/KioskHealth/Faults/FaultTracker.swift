import Foundation
import KioskCore

/// The fault state machine of one subject (a device or a kiosk-level check), a value type fed with probe results.
///
/// A fault is raised after `failuresBeforeFault` failed probes in a row, or at once when the subject
/// flaps (passes and fails alternately `flapThreshold` times within `flapWindow`). A raised fault is
/// resolved after `successesBeforeResolve` healthy probes in a row, but not while the subject is
/// still flapping: a flapping device gives one alert, not a storm.
public struct FaultTracker: Sendable, Equatable {
    /// Where the subject stands.
    public enum Phase: Sendable, Equatable {
        case healthy
        /// Failing, not yet confirmed.
        case suspect(FaultCode, failures: Int)
        /// A raised fault.
        case faulted(FaultCode, since: Date)
    }

    public var policy: FaultPolicy
    public private(set) var phase: Phase = .healthy
    /// Healthy probes in a row while faulted.
    public private(set) var successes = 0
    /// Times the probe result changed between pass and fail, newest last.
    public private(set) var changes: [Date] = []
    private var lastPassed: Bool?

    public init(policy: FaultPolicy) {
        self.policy = policy
    }

    /// Starts as faulted with a fault restored from the store (after a restart).
    public init(policy: FaultPolicy, restoring code: FaultCode, since: Date) {
        self.policy = policy
        self.phase = .faulted(code, since: since)
    }

    /// The raised fault, if any.
    public var openFault: FaultCode? {
        if case .faulted(let code, _) = phase { return code }
        return nil
    }

    /// True when pass/fail changed often enough within the window to count as flapping.
    public func isFlapping(at now: Date) -> Bool {
        let since = now.addingTimeInterval(-policy.flapWindow.seconds)
        return changes.filter { $0 >= since }.count >= policy.flapThreshold
    }

    /// Feeds one probe result; a report with a fault code is a failure, one without is healthy.
    /// `immediate` confirms a failure at once (a hot-plug removal needs no debouncing).
    public mutating func observe(_ report: ProbeReport, immediate: Bool = false) -> FaultTransition? {
        observe(fault: Self.fault(of: report), at: report.at, immediate: immediate)
    }

    /// The fault a report stands for: its code, or `device.not-answering` for a non-serving state without one.
    public static func fault(of report: ProbeReport) -> FaultCode? {
        if let fault = report.fault { return fault }
        switch report.state {
        case .online, .busy: return nil
        case .noDevice: return .deviceMissing
        default: return .deviceNotAnswering
        }
    }

    /// Feeds one result: the fault found, or nil when healthy.
    public mutating func observe(fault: FaultCode?, at now: Date, immediate: Bool = false) -> FaultTransition? {
        let passed = fault == nil
        if let lastPassed, lastPassed != passed { changes.append(now) }
        lastPassed = passed
        let since = now.addingTimeInterval(-policy.flapWindow.seconds)
        changes.removeAll { $0 < since }
        let flapping = isFlapping(at: now)

        switch (phase, fault) {
        case (.healthy, nil):
            return nil
        case (.healthy, let code?):
            if policy.failuresBeforeFault <= 1 || flapping || immediate {
                phase = .faulted(code, since: now)
                successes = 0
                return .raise(code, at: now, flapping: flapping)
            }
            phase = .suspect(code, failures: 1)
            return nil
        case (.suspect, nil):
            phase = .healthy
            return nil
        case (.suspect(_, let failures), let code?):
            if failures + 1 >= policy.failuresBeforeFault || flapping || immediate {
                phase = .faulted(code, since: now)
                successes = 0
                return .raise(code, at: now, flapping: flapping && failures + 1 < policy.failuresBeforeFault)
            }
            phase = .suspect(code, failures: failures + 1)
            return nil
        case (.faulted(let open, _), nil):
            successes += 1
            guard successes >= policy.successesBeforeResolve, !flapping else { return nil }
            phase = .healthy
            successes = 0
            return .resolve(open, at: now)
        case (.faulted(let open, _), let code?):
            successes = 0
            if open == code { return nil }
            if flapping { return nil }  // a flapping subject keeps its one open fault
            phase = .faulted(code, since: now)
            return .replace(old: open, new: code, at: now)
        }
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
