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
}
