import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `kiosk-bench alert-latency`: how long from a device fault appearing (the emulated receipt printer runs out of
/// paper, set through the simulation API) until its alert is visible in Alertmanager's `GET /api/v2/alerts`.
///
/// Each run starts `kioskd --simulate` afresh (flap suppression would otherwise hold one fault open across
/// quick repeated faults: six pass/fail changes in ten minutes), waits for the printer to be online, sets
/// `paperOut`, and polls Alertmanager every 5 ms for the `printer.paper-out` alert; then clears the paper, waits
/// until Alertmanager has the alert resolved, and stops kioskd. Alertmanager is the one at
/// `KIOSK_TEST_ALERTMANAGER_URL` (scripts/test-services.d/alertmanager.sh), or one this command starts.
struct AlertLatencyBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert-latency",
        abstract: "Time from a device fault (simulated paper out) to its alert in Alertmanager (release kioskd --simulate)."
    )

    /// The goal for the median.
    static let goalMilliseconds = 1000.0

    @Option(help: "Number of runs.") var runs = 20
    @Option(help: "Alertmanager base URL; default $KIOSK_TEST_ALERTMANAGER_URL, else one started here (prometheus-alertmanager).")
    var alertmanager: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        do {
            try Self.measure(runs: runs, alertmanager: alertmanager ?? ProcessInfo.processInfo.environment["KIOSK_TEST_ALERTMANAGER_URL"])
        } catch let failure as BenchFailure {
            FileHandle.standardError.write(Data("kiosk-bench alert-latency: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func measure(runs: Int, alertmanager given: String?) throws {
        let folder = try BenchEnvironment.temporaryFolder("kiosk-bench-alerts")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var started: BenchProcess?
        let alertmanager: String
        if let given, !given.isEmpty {
            alertmanager = given.hasSuffix("/") ? String(given.dropLast()) : given
        } else {
            (started, alertmanager) = try startAlertmanager(folder: folder)
        }
        defer { started?.stop() }
        Swift.print("alert-latency: \(runs) runs, kioskd --simulate (\(BenchEnvironment.build) build) → \(alertmanager)…")
        fflush(nil)

        var latencies: [Double] = []
        for run in 1...runs {
            let state = folder + "/run-\(run)"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            let (daemon, base) = try BenchEnvironment.startSimulation(folder: state, environment: ["KIOSKD_SIMULATION_ALERTMANAGER_URL": alertmanager])
            defer { daemon.stop() }
            try waitFor("no paper-out alert active before run \(run)", timeout: 30) { try activeAlerts(alertmanager).isEmpty }

            let start = ContinuousClock.now
            let set = try BenchHTTP.request("PUT", base + "/api/v1/simulation/devices/receipt-printer/condition", body: #"{"paperOut": true}"#)
            guard set.status == 200 else { throw BenchFailure("setting paperOut answered \(set.status): \(set.body)") }
            try waitFor("the printer.paper-out alert in Alertmanager (run \(run))", timeout: 30, poll: 5_000) { try !activeAlerts(alertmanager).isEmpty }
            let elapsed = ContinuousClock.now - start
            latencies.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)

            let clear = try BenchHTTP.request("PUT", base + "/api/v1/simulation/devices/receipt-printer/condition", body: #"{"paperOut": false}"#)
            guard clear.status == 200 else { throw BenchFailure("clearing paperOut answered \(clear.status): \(clear.body)") }
            try waitFor("the alert resolved in Alertmanager (run \(run))", timeout: 30) { try activeAlerts(alertmanager).isEmpty }
        }
        let sorted = latencies.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        BenchTable.row("alert-median", median, decimals: 1, "ms", "paper out set → alert in Alertmanager's GET /api/v2/alerts (median of \(runs))")
        BenchTable.row("alert-best", sorted.first ?? 0, decimals: 1, "ms", "fastest run")
        BenchTable.row("alert-worst", sorted.last ?? 0, decimals: 1, "ms", "slowest run")
        let met = median <= goalMilliseconds && (sorted.last ?? 0) <= goalMilliseconds
        Swift.print(String(format: "GOAL %@: median %.1f ms, worst %.1f ms, goal ≤ %.0f ms", met ? "MET" : "MISSED", median, sorted.last ?? 0, goalMilliseconds))
    }

    /// The active (not resolved, not silenced) `printer.paper-out` alerts of the demonstration kiosk.
    static func activeAlerts(_ alertmanager: String) throws -> [[String: Any]] {
        let filter = #"?active=true&silenced=false&inhibited=false&filter=code%3D%22printer.paper-out%22&filter=kiosk%3D%22demo-001%22"#
        let reply = try BenchHTTP.request("GET", alertmanager + "/api/v2/alerts" + filter)
        guard reply.status == 200, let alerts = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [[String: Any]] else {
            throw BenchFailure("Alertmanager answered \(reply.status): \(reply.body.prefix(200))")
        }
        return alerts.filter { (($0["status"] as? [String: Any])?["state"] as? String) == "active" }
    }

    /// Polls `condition` every `poll` µs until it holds; throws after `timeout` seconds.
    static func waitFor(_ what: String, timeout: TimeInterval, poll: UInt32 = 20_000, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while try !condition() {
            if Date() > deadline { throw BenchFailure("\(what) did not happen within \(Int(timeout)) s") }
            usleep(poll)
        }
    }

    /// Starts Debian's prometheus-alertmanager on a free port, routing everything to a receiver that goes nowhere.
    static func startAlertmanager(folder: String) throws -> (BenchProcess, String) {
        let executable = "/usr/bin/prometheus-alertmanager"
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchFailure("no Alertmanager: set KIOSK_TEST_ALERTMANAGER_URL (source scripts/test-services.d/alertmanager.sh) or install prometheus-alertmanager")
        }
        let port = try BenchEnvironment.freePort()
        try """
            route: {receiver: nowhere, group_by: ['kiosk', 'alertname'], group_wait: 1s, group_interval: 1s, repeat_interval: 1h}
            receivers: [{name: nowhere}]
            """.write(toFile: folder + "/am.yml", atomically: true, encoding: .utf8)
        let process = try BenchProcess(
            "prometheus-alertmanager", executable,
            ["--config.file=\(folder)/am.yml", "--storage.path=\(folder)/am", "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address="],
            logPath: folder + "/alertmanager.log")
        let url = "http://127.0.0.1:\(port)"
        try waitFor("Alertmanager ready", timeout: 20) { (try? BenchHTTP.request("GET", url + "/-/ready").status) == 200 }
        return (process, url)
    }
}
