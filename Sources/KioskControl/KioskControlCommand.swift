import ArgumentParser
import KioskCore

/// `kioskctl`: the maintainer's command line for a kiosk.
public struct KioskControlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "kioskctl",
        abstract: "Maintain a kiosk: status, devices, diagnostics, faults and reports.",
        version: KioskVersion.current,
        subcommands: [StatusCommand.self, DevicesCommand.self, FaultsCommand.self, MaintenanceCommand.self, CheckCommand.self, ServicesCommand.self, DiagCommand.self],
        defaultSubcommand: StatusCommand.self
    )

    public init() {}
}
