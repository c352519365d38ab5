import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Health under `kioskd --simulate`: a condition set through the simulation API is probed at once, and the paper
/// forecast is exported.
@Suite("kioskd --simulate health", .serialized)
struct SimulationHealthTests {
    /// `GET /api/v1/faults`, open and history, as subject/code pairs.
    struct Faults: Decodable {
        struct Fault: Decodable { var subject: String, code: String, status: String }
        var open: [Fault]
        var history: [Fault]
    }

    static func faults(_ daemon: SimulatedDaemon) async throws -> Faults {
        try JSONDecoder().decode(Faults.self, from: Data(try await daemon.request(.GET, "/api/v1/faults").text.utf8))
    }

    /// Polls until `predicate` holds for the faults; fails after `timeout` with what was seen.
    static func waitForFaults(_ daemon: SimulatedDaemon, _ what: String, timeout: Duration, _ predicate: (Faults) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        var last = try await faults(daemon)
        while !predicate(last) {
            if ContinuousClock.now > deadline { throw TestFailure("no \(what) within \(timeout): open \(last.open), history \(last.history)") }
            try await Task.sleep(for: .milliseconds(100))
            last = try await faults(daemon)
        }
    }

    @Test("a printer condition set through the simulation API is probed at once: the fault opens and closes without the 30 s schedule")
    func conditionProbedAtOnce() async throws {
        let folder = TemporaryFolder("kioskd-sim-health")
        defer { folder.cleanUp() }
        let daemon = try await SimulatedDaemon.start(folder: folder)
        defer { daemon.process.signal(SIGTERM) }
        _ = try await daemon.waitForDevices { $0.first { $0.id == "receipt-printer" }?.state == "online" }

        // When the paper runs out, the fault is open well before the schedule (30 s × 2 failures) could raise it.
        let started = ContinuousClock.now
        #expect(try await daemon.request(.PUT, "/api/v1/simulation/devices/receipt-printer/condition", body: #"{"paperOut": true}"#).status == 200)
        try await Self.waitForFaults(daemon, "open printer.paper-out", timeout: .seconds(20)) { faults in
            faults.open.contains { $0.subject == "receipt-printer" && $0.code == "printer.paper-out" }
        }
        #expect(ContinuousClock.now - started < .seconds(30))

        // And when paper is back, the fault is resolved as promptly.
        #expect(try await daemon.request(.PUT, "/api/v1/simulation/devices/receipt-printer/condition", body: #"{"paperOut": false}"#).status == 200)
        try await Self.waitForFaults(daemon, "printer.paper-out resolved", timeout: .seconds(20)) { faults in
            !faults.open.contains { $0.subject == "receipt-printer" }
                && faults.history.contains { $0.subject == "receipt-printer" && $0.code == "printer.paper-out" && $0.status == "resolved" }
        }
    }

    @Test("/metrics exports the receipt printer's paper forecast; a full roll raises no paper-low fault")
    func paperMetrics() async throws {
        let folder = TemporaryFolder("kioskd-sim-paper")
        defer { folder.cleanUp() }
        let daemon = try await SimulatedDaemon.start(folder: folder)
        defer { daemon.process.signal(SIGTERM) }
        let deadline = ContinuousClock.now + .seconds(20)
        var text = ""
        while !text.contains("kiosk_paper_receipts_left{device=\"receipt-printer\"}") {
            if ContinuousClock.now > deadline { throw TestFailure("no kiosk_paper_receipts_left in /metrics within 20 s:\n\(text)") }
            try await Task.sleep(for: .milliseconds(200))
            text = try await daemon.request(.GET, "/metrics").text
        }
        // The simulated printer's profile (escpos/generic-80mm) has 80 m rolls; nothing printed yet: a full roll at 120 mm a receipt.
        #expect(text.contains("kiosk_paper_receipts_left{device=\"receipt-printer\"} 666"), "\(text)")
        #expect(text.contains("kiosk_paper_level{device=\"receipt-printer\"} 1"), "\(text)")
        let faults = try await Self.faults(daemon)
        #expect(!faults.open.contains { $0.code == "printer.paper-low" })
    }
}
