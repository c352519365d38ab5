import KioskCore

/// What a step's work gets: a snapshot of the session's data and step state, and the kiosk's means.
public struct StepJob: Sendable {
    /// The session's personal data as it was when the work started.
    public var data: PersonalData
    /// The step's display state as it was when the work started.
    public var state: [String: JSONValue]
    /// Results shown so far (for printing).
    public var shown: [String: ShownResult]
    /// The session's language.
    public var language: String
    /// The service's department.
    public var department: Department
    /// The service id.
    public var service: String
    /// The means: devices, departments, clock.
    public var environment: StepEnvironment

    public init(
        data: PersonalData, state: [String: JSONValue], shown: [String: ShownResult], language: String,
        department: Department, service: String, environment: StepEnvironment
    ) {
        self.data = data
        self.state = state
        self.shown = shown
        self.language = language
        self.department = department
        self.service = service
        self.environment = environment
    }
}

/// The devices, department connectors and clock that step work uses.
public struct StepEnvironment: Sendable {
    public var devices: any WorkflowDevices
    public var departments: any DepartmentCalling
    public var clock: any SessionClock
    /// The kiosk's id, printed on receipts and certificates.
    public var kioskID: String
    /// The wall-clock time printed on receipts and certificates.
    public var printedTime: @Sendable () -> String

    public init(
        devices: any WorkflowDevices, departments: any DepartmentCalling, clock: any SessionClock,
        kioskID: String, printedTime: @escaping @Sendable () -> String
    ) {
        self.devices = devices
        self.departments = departments
        self.clock = clock
        self.kioskID = kioskID
        self.printedTime = printedTime
    }
}

/// What a step's work gave.
public enum StepJobResult: Sendable {
    case success(JSONValue)
    case failure(StepFailure)
}
