import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl check`: a Nagios/Icinga plugin — exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Nagios-style check of the kiosk: open faults by severity and the daemon's health.",
        discussion: "Prints one status line with performance data; exits 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let faults: FaultList
        let health: HealthReport
        do {
            health = try await connection.client.get("/api/v1/health", as: HealthReport.self, accepting: [503])
            faults = try await connection.client.get("/api/v1/faults?limit=1", as: FaultList.self)
        } catch {
            print("KIOSK UNKNOWN - \(error)")
            throw ExitCode(3)
        }
        let (line, code) = Self.evaluate(health: health, faults: faults)
        print(line)
        if code != 0 { throw ExitCode(code) }
    }

    /// The status line and exit code.
    static func evaluate(health: HealthReport, faults: FaultList) -> (String, Int32) {
        let critical = faults.open.filter { $0.severity == .critical }
        let warning = faults.open.filter { $0.severity == .warning }
        let code: Int32 = !critical.isEmpty ? 2 : (!warning.isEmpty || health.status != "ok") ? 1 : 0
        let word = ["OK", "WARNING", "CRITICAL"][Int(code)]
        var parts: [String] = []
        for fault in critical + warning { parts.append("\(fault.subject) \(fault.code.rawValue)") }
        if health.status != "ok" { parts.append("daemon \(health.status)") }
        let summary = parts.isEmpty ? "\(health.kiosk.id): no open faults" : "\(health.kiosk.id): " + parts.joined(separator: ", ")
        let perf = "open_critical=\(critical.count) open_warning=\(warning.count) open_total=\(faults.open.count)"
        return ("KIOSK \(word) - \(summary) | \(perf)", code)
    }
}
