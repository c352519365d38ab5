import ArgumentParser
import KioskEmulators

/// `kiosk-emulator`: device emulators on the far side of a pseudo-terminal, for the simulator, tests and benchmarks.
@main
struct KioskEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-emulator",
        abstract: "Run a device emulator on the far side of a pseudo-terminal.",
        subcommands: [IDCardEmulatorCommand.self, PrinterEmulatorCommand.self, ScannerEmulatorCommand.self, SandboxCommand.self]
    )
}
