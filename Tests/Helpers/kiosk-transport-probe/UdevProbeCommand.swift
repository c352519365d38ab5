import ArgumentParser

/// `kiosk-transport-probe udev …` (written with the udev transport).
struct UdevProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "udev", abstract: "Enumerate or monitor udev devices.")
}
