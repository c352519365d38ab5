import KioskCore

/// One kind of step of a workflow (identify, consent, query…): parsed from YAML, driven by the session engine.
///
/// A step is a value: it never holds session data. The engine calls `enter` when the session reaches the
/// step, `receive` for each input from the touch UI, and, when a command asks for work (a card read, a
/// department call, a print), `perform` off the engine and then `complete` with its result.
/// A new kind is one type conforming to this protocol plus one line in `StepRegistry.standard`.
public protocol WorkflowStep: Sendable {
    /// The kind name used in workflow files.
    static var kind: String { get }
    /// The YAML keys of this kind besides `StepHeader.keys`.
    static var keys: [String] { get }
    /// Reads the kind's keys; reports problems to the reader and returns nil when the step is unusable.
    static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> Self?

    /// Id, kind and texts.
    var header: StepHeader { get }
    /// Devices the step cannot run without.
    var deviceRoles: [DeviceRole] { get }
    /// True when `back` from this step makes sense.
    var allowsBack: Bool { get }
    /// True when `back` may return to this step.
    var isBackTarget: Bool { get }

    /// The session has reached the step.
    func enter(_ context: inout StepContext) -> StepCommand
    /// An input from the UI; throws when the step does not accept it.
    func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand
    /// The work a `.run` command asked for; runs outside the engine and must honour task cancellation.
    func perform(_ job: StepJob) async -> StepJobResult
    /// The work's result.
    func complete(_ result: StepJobResult, context: inout StepContext) -> StepCommand
    /// The kind's extra fields in the session document (everything personal already masked).
    func view(_ context: StepContext) -> [String: JSONValue]
}

extension WorkflowStep {
    public var deviceRoles: [DeviceRole] { [] }
    public var allowsBack: Bool { false }
    public var isBackTarget: Bool { false }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        throw .notAccepted(step: header.id, kind: header.kind, action: input.action)
    }

    public func perform(_ job: StepJob) async -> StepJobResult { .success(.null) }

    public func complete(_ result: StepJobResult, context: inout StepContext) -> StepCommand {
        switch result {
        case .success: return .advance
        case .failure(let failure): return context.fail(failure)
        }
    }

    public func view(_ context: StepContext) -> [String: JSONValue] { [:] }
}
