import ArgumentParser

/// `kiosk-transport-probe`: runs the real transport code once and prints what it saw as JSON lines,
/// so that tests can run it under `umockdev-run` or a umockdev testbed and read its output.
@main
struct TransportProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-transport-probe",
        abstract: "Exercise kioskd's udev and USB transports once (a test helper).",
        subcommands: [UdevProbeCommand.self, USBProbeCommand.self, IDCardUSBProbeCommand.self]
    )
}
