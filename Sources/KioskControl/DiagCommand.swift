import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl diag [DEVICE]`: probes one device or every configured device now and prints what each probe found.
struct DiagCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diag",
        abstract: "Run diagnostics on one device or all: a fresh probe, the open fault, the recovery steps.",
        discussion: "Exit status: 0 every device healthy, 1 a device serves with a warning (e.g. paper near end), 2 a device failed, 3 kioskd could not be asked (unreachable, unknown device or level)."
    )

    @Argument(help: "The device's id (as in `kioskctl devices`); all configured devices when absent.")
    var device: String?

    @Option(help: "Probe level: internal (status only), external (e.g. a test print) or interactive.")
    var level: ProbeLevel = .internal

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let reports: [DiagnosticReport]
        do {
            let ids: [String]
            if let device {
                ids = [device]
            } else {
                ids = try await connection.client.get("/api/v1/devices", as: DeviceList.self).configured.map(\.id)
            }
            var collected: [DiagnosticReport] = []
            for id in ids {
                let path = "/api/v1/devices/\(id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id)/diagnostics?level=\(level.rawValue)"
                collected.append(try await connection.client.send(.post, path, body: Optional<FaultAcknowledgement>.none, as: DiagnosticReport.self))
            }
            reports = collected
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        print(connection.json ? try JSONOutput.encode(reports) : Self.render(reports))
        let status = Self.exitStatus(reports)
        if status != 0 { throw ExitCode(status) }
    }

    /// 0 all healthy, 1 a warning on a serving device, 2 a device that cannot serve.
    static func exitStatus(_ reports: [DiagnosticReport]) -> Int32 {
        if reports.contains(where: { !$0.report.isServing }) { return 2 }
        if reports.contains(where: { $0.report.fault != nil }) { return 1 }
        return 0
    }

    /// `ok`, `WARNING` or `FAILED` for one report.
    static func verdict(_ report: ProbeReport) -> String {
        if !report.isServing { return "FAILED" }
        return report.fault == nil ? "ok" : "WARNING"
    }

    static func render(_ reports: [DiagnosticReport]) -> String {
        var table = TextTable()
        table.add("DEVICE", "RESULT", "STATE", "FAULT", "OPEN FAULT", "RECOVERY STEPS", "DETAIL")
        for diagnostic in reports {
            let report = diagnostic.report
            let open = diagnostic.openFault.map { "#\($0.id ?? 0) \($0.code.rawValue)" } ?? "-"
            let steps = diagnostic.recoverySteps.isEmpty ? "-" : diagnostic.recoverySteps.map(\.rawValue).joined(separator: ", ")
            table.add(report.deviceID, verdict(report), report.state.rawValue, report.fault?.rawValue ?? "-", open, steps, report.detail)
        }
        let failed = reports.filter { !$0.report.isServing }.count
        let warned = reports.filter { $0.report.isServing && $0.report.fault != nil }.count
        let summary = failed + warned == 0
            ? "\(reports.count) device(s) diagnosed, all healthy."
            : "\(reports.count) device(s) diagnosed: \(failed) failed, \(warned) with a warning."
        return table.render() + "\n\n" + summary
    }
}

extension ProbeLevel: ExpressibleByArgument {}
