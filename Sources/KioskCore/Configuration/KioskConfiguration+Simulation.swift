extension KioskConfiguration {
    /// The embedded configuration of `kioskd --simulate`: a demonstration kiosk whose devices are emulated.
    ///
    /// It is written in YAML and read through the same parser as a real file, so it is validated the
    /// same way and doubles as a worked example of the format.
    public static let simulationYAML = """
        # Embedded configuration of `kioskd --simulate`.
        kiosk:
          id: demo-001
          name: 市民中心 1 号自助终端（模拟）
          site: demo-service-centre
          address: 市民中心一楼大厅 A 区
          owner: natural-resources-bureau
          contact:
            name: 值班工程师
            phone: "+86 20 0000 0000"
        devices:
          - {id: id-reader, role: id-card-reader, profile: idcard/generic-ga467, match: {emulated: true}}
          - {id: ssc-reader, role: social-security-card-reader, profile: pcsc/generic-ccid, match: {emulated: true}}
          - {id: receipt-printer, role: receipt-printer, profile: escpos/generic-80mm, match: {emulated: true}}
          - {id: a4-printer, role: a4-printer, profile: cups/generic-a4, match: {emulated: true}}
          - {id: qr-scanner, role: qr-scanner, profile: qrscanner/generic-serial, match: {emulated: true}}
          - {id: touch-display, role: touch-display, profile: display/generic-touch, match: {emulated: true}}
        api:
          listen: 127.0.0.1:8080
        """

    /// The simulation configuration with its state (database, socket) in `stateDirectory`.
    public static func simulation(stateDirectory: String) throws(ConfigurationError) -> KioskConfiguration {
        var configuration = try parse(yaml: simulationYAML, file: "<simulation>")
        configuration.storage.directory = stateDirectory
        configuration.api.socketPath = stateDirectory + "/kioskd.sock"
        configuration.workflows = WorkflowsConfiguration(directory: "workflows", overrides: nil)
        return configuration
    }

    /// The default CUPS queue of the simulation's A4 printer (a cups-pdf style queue).
    public static let simulationCUPSQueue = "kioskpdf"
    /// The PC/SC reader the simulation's social-security card reader uses (vsmartcard's vpcd).
    public static let simulationPCSCReader = "Virtual PCD"

    /// This configuration with the simulation's A4 printer and social-security reader on the host's real
    /// stacks: the CUPS queue `cupsQueue` and the PC/SC reader `pcscReader`, since neither has an emulator.
    ///
    /// When cupsd or pcscd is not running those two devices are faulted with the reason in their probe
    /// report and their services are unavailable; the rest of the kiosk runs as before.
    public func withSimulationHostStacks(cupsQueue: String = simulationCUPSQueue, pcscReader: String = simulationPCSCReader) -> KioskConfiguration {
        var configuration = self
        for index in configuration.devices.indices where configuration.devices[index].match == .emulated {
            switch configuration.devices[index].role {
            case .a4Printer: configuration.devices[index].match = .cups(queue: cupsQueue)
            case .socialSecurityCardReader: configuration.devices[index].match = .pcsc(reader: pcscReader)
            default: continue
            }
        }
        return configuration
    }
}
