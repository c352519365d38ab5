import Foundation
import Testing

@Suite("Shipped Prometheus rules and Alertmanager example")
struct OpsFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs a tool and returns its exit status and output; records a failure naming the package when it is missing.
    func run(_ tool: String, _ arguments: [String], stderr: Bool = true) throws -> (Int32, String) {
        let path = "/usr/bin/\(tool)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            Issue.record("\(path) missing: install scripts/apt.d/alerting.list with scripts/install-deps")
            return (-1, "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = Self.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = stderr ? pipe : FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("promtool accepts the alert rules")
    func rules() throws {
        let (status, output) = try run("promtool", ["check", "rules", "ops/prometheus/kioskd-rules.yml"])
        #expect(status == 0, "\(output)")
    }

    @Test("amtool accepts the example config and routes owner=natural-resources-bureau to its receiver")
    func alertmanagerConfig() throws {
        let config = "ops/alertmanager/alertmanager.example.yml"
        let (status, output) = try run("amtool", ["check-config", config])
        #expect(status == 0, "\(output)")
        let (_, route) = try run("amtool", ["config", "routes", "test", "--config.file=\(config)", "owner=natural-resources-bureau", "alertname=PrinterPaperOut"], stderr: false)
        #expect(route.trimmingCharacters(in: .whitespacesAndNewlines) == "natural-resources-bureau")
        let (_, heartbeat) = try run("amtool", ["config", "routes", "test", "--config.file=\(config)", "owner=natural-resources-bureau", "alertname=KioskHeartbeat"], stderr: false)
        #expect(heartbeat.trimmingCharacters(in: .whitespacesAndNewlines) == "deadmans-switch")
    }
}
