import ArgumentParser
import Foundation
import KioskCore
import KioskStore

/// `kiosk-bench`: speed and memory measurements of kioskd's parts, run on a release build.
@main
struct KioskBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-bench",
        abstract: "Measure kioskd's parts (run with `swift run -c release kiosk-bench …`).",
        subcommands: [AllBenchmarks.self, ConfigurationBenchmark.self, StoreBenchmark.self, IDCardBenchmark.self, ReceiptBenchmark.self, HotplugBenchmark.self, HotplugBenchmark.Child.self, SSCReadBenchmark.self,
                      AlertLatencyBenchmark.self, IdleCostBenchmark.self],
        defaultSubcommand: AllBenchmarks.self
    )
}

/// Runs every benchmark with its default size.
struct AllBenchmarks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "Run every benchmark.")

    func run() async throws {
        try ConfigurationBenchmark.measure(iterations: 200)
        try await StoreBenchmark.measure(events: 2000)
        try HotplugBenchmark.measure(cycles: 100, leakCheck: false)
    }
}

/// How long parsing and validating the shipped example configuration takes.
struct ConfigurationBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Parse and validate docs/kiosk.example.yaml.")

    @Option(help: "Number of parses.") var iterations = 200

    func run() throws { try Self.measure(iterations: iterations) }

    static func measure(iterations: Int) throws {
        let text = try String(contentsOfFile: "docs/kiosk.example.yaml", encoding: .utf8)
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<iterations { _ = try KioskConfiguration.parse(yaml: text, file: "kiosk.example.yaml") }
        }
        report("config-parse", elapsed / iterations, "per parse of docs/kiosk.example.yaml (\(iterations) runs)")
    }
}

/// How fast events are appended to the store (each its own WAL transaction).
struct StoreBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Append events to a fresh store.")

    @Option(help: "Number of events.") var events = 2000

    func run() async throws { try await Self.measure(events: events) }

    static func measure(events: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try KioskStore(directory: folder)
        let start = ContinuousClock.now
        for index in 0..<events {
            try await store.record(KioskEvent(kind: "bench.event", subject: "device-\(index % 6)", message: "event \(index)"))
        }
        let elapsed = ContinuousClock.now - start
        report("store-append", elapsed / events, "per event appended (\(events) events, one transaction each)")
    }
}

func report(_ name: String, _ duration: Duration, _ what: String) {
    let microseconds = Double(duration.components.seconds) * 1e6 + Double(duration.components.attoseconds) / 1e12
    BenchTable.row(name, microseconds, decimals: 1, "µs", what)
}
