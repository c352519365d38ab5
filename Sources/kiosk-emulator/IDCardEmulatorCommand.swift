import ArgumentParser

/// `kiosk-emulator idcard`: a GA 467 ID-card reader on the far side of a pseudo-terminal.
struct IDCardEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "idcard", abstract: "Emulate a GA 467 ID-card reader on a pseudo-terminal.")
}
