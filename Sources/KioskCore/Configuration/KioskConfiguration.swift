/// Everything kioskd reads from its YAML configuration file, validated.
public struct KioskConfiguration: Sendable, Equatable {
    /// Who and where this kiosk is, and who owns it.
    public var kiosk: KioskIdentity
    /// Bureaus by id: the built-in ones, with contacts and additions from the file.
    public var bureaus: [String: Bureau]
    /// The devices this kiosk has, by logical id, in file order.
    public var devices: [DeviceConfiguration]
    /// Where the service workflow files are.
    public var workflows: WorkflowsConfiguration
    /// Department backends by department.
    public var departments: [Department: DepartmentConfiguration]
    /// Where alerts go.
    public var alerting: AlertingConfiguration
    /// The maintenance and UI API.
    public var api: APIConfiguration
    /// Where the database and other state live.
    public var storage: StorageConfiguration

    public init(
        kiosk: KioskIdentity,
        bureaus: [String: Bureau] = Dictionary(uniqueKeysWithValues: Bureau.builtIn.map { ($0.id, $0) }),
        devices: [DeviceConfiguration] = [],
        workflows: WorkflowsConfiguration = .init(),
        departments: [Department: DepartmentConfiguration] = [:],
        alerting: AlertingConfiguration = .init(),
        api: APIConfiguration = .init(),
        storage: StorageConfiguration = .init()
    ) {
        self.kiosk = kiosk
        self.bureaus = bureaus
        self.devices = devices
        self.workflows = workflows
        self.departments = departments
        self.alerting = alerting
        self.api = api
        self.storage = storage
    }

    /// The bureau that owns the kiosk as a whole.
    public var owningBureau: Bureau? { bureaus[kiosk.owner] }
}
