import ArgumentParser
import Foundation
import KioskCore

/// `kioskctl status`: the kiosk's identity and whether the daemon is healthy.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the kiosk's identity, owner and the daemon's health.",
        discussion: "Exits 0 when healthy, 1 when degraded, 3 when kioskd cannot be reached."
    )

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let report: HealthReport
        do {
            report = try await connection.client.get("/api/v1/health", as: HealthReport.self, accepting: [503])
        } catch {
            FileHandle.standardError.write(Data("kioskctl: \(error)\n".utf8))
            throw ExitCode(3)
        }
        if connection.json {
            print(try JSONOutput.encode(report))
        } else {
            print(Self.render(report))
        }
        if report.status != "ok" { throw ExitCode(1) }
    }

    static func render(_ report: HealthReport) -> String {
        let kiosk = report.kiosk
        var summary = TextTable()
        summary.add("Kiosk", "\(kiosk.id)  \(kiosk.name)")
        summary.add("Site", kiosk.site)
        summary.add("Address", kiosk.address)
        summary.add("Owner", "\(kiosk.ownerName) (\(kiosk.owner))")
        summary.add("Keeper", [kiosk.contact.name, kiosk.contact.phone, kiosk.contact.email].compactMap { $0 }.joined(separator: "  "))
        summary.add("Status", report.status + (report.simulated ? " (simulation)" : ""))
        summary.add("Version", "kioskd \(report.version), up \(formatUptime(report.uptimeSeconds))")
        for (name, state) in report.components.sorted(by: { $0.key < $1.key }) {
            summary.add(name.prefix(1).uppercased() + name.dropFirst(), state)
        }
        var devices = TextTable()
        devices.add("DEVICE", "ROLE", "STATE", "PROFILE", "OWNER")
        for device in report.devices {
            devices.add(device.id, device.role.rawValue, device.state.rawValue, device.profile, device.owner)
        }
        return summary.render() + "\n\n" + devices.render()
    }

    static func formatUptime(_ seconds: Int) -> String {
        let days = seconds / 86_400, hours = seconds % 86_400 / 3600, minutes = seconds % 3600 / 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes)m" }
        if minutes > 0 { return "\(minutes)m \(seconds % 60)s" }
        return "\(seconds)s"
    }
}
