import ArgumentParser

/// `kiosk-emulator scanner`: a serial QR scanner on the far side of a pseudo-terminal.
struct ScannerEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scanner", abstract: "Emulate a serial QR scanner on a pseudo-terminal.")
}
