import KioskCore
import KioskDevices
import Testing

/// Probes, recoveries and opens of one managed device take turns: a scheduled probe and an explicit one (or a
/// recovery) never talk over each other on the device's serial line, so each reads its own replies.
@Suite("Managed devices take turns on their link")
struct ManagedDeviceTurnTests {
    @Test("eight probes of the out-of-paper printer at once each read paper out")
    func printerProbesAtOnce() async throws {
        try await RuntimeBench.run { bench in
            // Given the printer online, then out of paper,
            try await bench.report(of: "receipt-printer") { $0.state == .online }
            _ = try await bench.simulation.updateCondition(on: "receipt-printer") { $0.paper = .out }
            // when eight probes run at once (each a DLE EOT 1…4 exchange on the same line),
            let reports = await Self.atOnce(8) { await bench.hub.probe("receipt-printer") }
            // then each got the whole status of its own exchange.
            #expect(reports.map(\.fault) == Array(repeating: .printerPaperOut, count: 8), "\(reports.map(\.detail))")
            #expect(reports.allSatisfy { $0.state == .userError })
        }
    }

    @Test("probes and a reopen of the printer at once: every probe reads the status, the reopen succeeds")
    func printerProbesWhileReopening() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "receipt-printer") { $0.state == .online }
            async let reopened = bench.hub.recover("receipt-printer", .reopen)
            let reports = await Self.atOnce(4) { await bench.hub.probe("receipt-printer") }
            #expect(await reopened.succeeded)
            #expect(reports.allSatisfy { $0.detail == "DLE EOT: online" }, "\(reports.map(\.detail))")
        }
    }

    @Test("four probes of the ID-card reader at once each read the SAM id")
    func readerProbesAtOnce() async throws {
        try await RuntimeBench.run { bench in
            try await bench.report(of: "id-reader") { $0.state == .online }
            let reports = await Self.atOnce(4) { await bench.hub.probe("id-reader") }
            #expect(reports.allSatisfy { $0.state == .online && $0.detail.hasPrefix("SAM ready, id ") }, "\(reports.map(\.detail))")
        }
    }

    /// Runs `body` `count` times concurrently and collects the results.
    static func atOnce(_ count: Int, _ body: @escaping @Sendable () async -> ProbeReport) async -> [ProbeReport] {
        await withTaskGroup(of: ProbeReport.self) { group in
            for _ in 0..<count { group.addTask { await body() } }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }
}
