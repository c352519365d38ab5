import KioskCore

/// What a step reads and changes while the session is on it.
public struct StepContext: Sendable {
    /// Every personal datum of the session.
    public var data: PersonalData
    /// The step's own display state, reset when the step is entered (`waiting`, `print`, `payment`…).
    public var state: [String: JSONValue] = [:]
    /// The error shown with the step, if any.
    public var error: StepFailure?
    /// The session's language (`zh-CN`, `en`).
    public let language: String
    /// The service's department.
    public let department: Department
    /// The service id.
    public let service: String
    /// The service's name.
    public let serviceNames: LocalizedText
    /// Identification methods whose devices work now, in the workflow's order.
    public var methods: [IdentificationMethod]
    /// Results shown on screen, masked, by step id: what print steps put on paper.
    public var shown: [String: ShownResult] = [:]
    /// How the citizen identified (for the audit record, no personal data).
    public var identifiedBy: IdentificationMethod?
    /// The satisfaction level the citizen gave (for the audit record).
    public var rating: Int?

    public init(
        data: PersonalData = PersonalData(), language: String, department: Department, service: String,
        serviceNames: LocalizedText, methods: [IdentificationMethod]
    ) {
        self.data = data
        self.language = language
        self.department = department
        self.service = service
        self.serviceNames = serviceNames
        self.methods = methods
    }

    /// Shows `failure` with the step: a retryable one waits for `retry`, any other ends the session as failed.
    public mutating func fail(_ failure: StepFailure) -> StepCommand {
        error = failure
        return failure.retryable ? .wait : .end(.failed)
    }

    /// Drops every personal datum and everything derived from it.
    public mutating func wipe() {
        data.wipe()
        state = [:]
        shown = [:]
        error = nil
    }
}
