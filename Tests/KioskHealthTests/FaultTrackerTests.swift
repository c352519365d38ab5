import Foundation
import KioskCore
@testable import KioskHealth
import Testing

@Suite("Fault state machine")
struct FaultTrackerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    @Test("a fault is raised only after N failed probes in a row")
    func debounce() {
        var tracker = FaultTracker(policy: FaultPolicy(failuresBeforeFault: 3))
        #expect(tracker.observe(fault: .printerPaperOut, at: at(0)) == nil)
        #expect(tracker.observe(fault: .printerPaperOut, at: at(30)) == nil)
        #expect(tracker.observe(fault: .printerPaperOut, at: at(60)) == .raise(.printerPaperOut, at: at(60), flapping: false))
        #expect(tracker.openFault == .printerPaperOut)
        #expect(tracker.observe(fault: .printerPaperOut, at: at(90)) == nil)
    }

    @Test("a single healthy probe between failures restarts the count")
    func healthyResetsCount() {
        var tracker = FaultTracker(policy: FaultPolicy(failuresBeforeFault: 2, flapThreshold: 100))
        #expect(tracker.observe(fault: .printerCoverOpen, at: at(0)) == nil)
        #expect(tracker.observe(fault: nil, at: at(30)) == nil)
        #expect(tracker.observe(fault: .printerCoverOpen, at: at(60)) == nil)
        #expect(tracker.observe(fault: .printerCoverOpen, at: at(90)) != nil)
    }

    @Test("a raised fault resolves when the subject is healthy again")
    func resolves() {
        var tracker = FaultTracker(policy: FaultPolicy(failuresBeforeFault: 1))
        #expect(tracker.observe(fault: .a4MediaEmpty, at: at(0)) == .raise(.a4MediaEmpty, at: at(0), flapping: false))
        #expect(tracker.observe(fault: nil, at: at(60)) == .resolve(.a4MediaEmpty, at: at(60)))
        #expect(tracker.phase == .healthy)
    }

    @Test("a hot-plug removal is confirmed at once")
    func immediate() {
        var tracker = FaultTracker(policy: FaultPolicy(failuresBeforeFault: 3))
        #expect(tracker.observe(fault: .deviceMissing, at: at(0), immediate: true) == .raise(.deviceMissing, at: at(0), flapping: false))
    }

    @Test("another code while faulted replaces the fault")
    func replace() {
        var tracker = FaultTracker(policy: FaultPolicy(failuresBeforeFault: 1))
        _ = tracker.observe(fault: .printerPaperNearEnd, at: at(0))
        #expect(tracker.observe(fault: .printerPaperOut, at: at(30)) == .replace(old: .printerPaperNearEnd, new: .printerPaperOut, at: at(30)))
        #expect(tracker.openFault == .printerPaperOut)
    }

    @Test("a flapping device gives one fault, held open until it is stable")
    func flapping() {
        var tracker = FaultTracker(policy: FaultPolicy(failuresBeforeFault: 2, flapWindow: .seconds(300), flapThreshold: 4))
        var transitions: [FaultTransition] = []
        // fail, pass, fail, pass… every 10 s for 4 minutes: never two failures in a row.
        for step in 0..<24 {
            if let change = tracker.observe(fault: step.isMultiple(of: 2) ? .deviceNotAnswering : nil, at: at(Double(step) * 10)) {
                transitions.append(change)
            }
        }
        #expect(transitions.count == 1)
        guard case .raise(.deviceNotAnswering, _, flapping: true) = transitions.first else {
            Issue.record("expected one flapping raise, got \(transitions)")
            return
        }
        // Healthy from now on: resolved only once the changes have left the window.
        var resolvedAt: Date?
        for step in 24..<80 {
            if case .resolve(_, let when)? = tracker.observe(fault: nil, at: at(Double(step) * 10)) {
                resolvedAt = when
                break
            }
        }
        #expect(resolvedAt.map { $0.timeIntervalSince(at(230)) >= 300 - 30 } == true, "resolved at \(String(describing: resolvedAt))")
    }

    @Test("a report without a code but not serving counts as a failure")
    func stateWithoutCode() {
        #expect(FaultTracker.fault(of: ProbeReport(deviceID: "x", state: .noDevice, detail: "")) == .deviceMissing)
        #expect(FaultTracker.fault(of: ProbeReport(deviceID: "x", state: .offline, detail: "")) == .deviceNotAnswering)
        #expect(FaultTracker.fault(of: ProbeReport(deviceID: "x", state: .busy, detail: "")) == nil)
    }
}
