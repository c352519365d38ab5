import ArgumentParser

/// `kiosk-emulator printer`: an ESC/POS receipt printer on the far side of a pseudo-terminal.
struct PrinterEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "printer", abstract: "Emulate an ESC/POS receipt printer on a pseudo-terminal.")
}
