import KioskCore

/// One service as its workflow file describes it: who offers it, how citizens identify, and its steps.
public struct WorkflowDefinition: Sendable {
    /// Stable id, e.g. `hrss.enrollment`; the file is `workflows/<id>.yaml`.
    public var id: String
    /// The service's name.
    public var names: LocalizedText
    /// The department that answers its queries.
    public var department: Department
    /// Pinyin initials for the search box, e.g. `sbcbxxcx`.
    public var pinyin: String
    /// Icon name the UI draws.
    public var icon: String
    /// Identification methods the citizen may choose from, in order.
    public var identification: [IdentificationMethod]
    /// Devices the service cannot run without, by role (e.g. the printer for a certificate).
    public var devices: [DeviceRole]
    /// Where its result goes.
    public var outputs: [ServiceOutput]
    /// Idle timeout for this service, when it differs from the kiosk's.
    public var idleTimeout: Duration?
    /// The steps, in order.
    public var steps: [any WorkflowStep]
    /// The file it was read from.
    public var file: String

    public init(
        id: String, names: LocalizedText, department: Department, pinyin: String, icon: String,
        identification: [IdentificationMethod], devices: [DeviceRole], outputs: [ServiceOutput],
        idleTimeout: Duration? = nil, steps: [any WorkflowStep], file: String
    ) {
        self.id = id
        self.names = names
        self.department = department
        self.pinyin = pinyin
        self.icon = icon
        self.identification = identification
        self.devices = devices
        self.outputs = outputs
        self.idleTimeout = idleTimeout
        self.steps = steps
        self.file = file
    }
}
