import ArgumentParser

/// `kiosk-transport-probe usb …` (written with the USB transport).
struct USBProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "usb", abstract: "List, open and talk to USB devices.")
}
