import KioskCore

/// What `query` and `submit` share: one department operation whose answer is kept under the step's id.
public struct DepartmentRequest: Sendable, Hashable {
    /// The operation name, as docs/departments.md lists it (`enrollment.query`).
    public var operation: String
    /// The request body with `$path` references.
    public var body: RequestTemplate
    /// Where the answer is kept in the personal data (the step id unless `store-as` says otherwise).
    public var storeAs: String
    /// True (the default) to add the citizen's identifier (`identity.identifier`) to the body.
    public var identified: Bool

    public static let keys = ["operation", "body", "store-as", "identified"]

    static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> DepartmentRequest? {
        let operation = table.string("operation")
        let body = table.field("body", required: false).map(reader.json) ?? .object([:])
        let storeAs = table.string("store-as", required: false) ?? header.id
        let identified = table.boolean("identified", required: false) ?? true
        guard let operation else { return nil }
        return DepartmentRequest(operation: operation, body: RequestTemplate(body), storeAs: storeAs, identified: identified)
    }

    /// The body to send: the template resolved, with the identifier added when `identified`.
    public func resolvedBody(_ data: PersonalData) -> JSONValue {
        var body = body.resolve(data).objectValue ?? [:]
        if identified, let identifier = data.value(at: "identity.identifier")?.objectValue {
            body.merge(identifier) { given, _ in given }
        }
        return .object(body)
    }

    func call(_ job: StepJob, idempotent: Bool) async -> StepJobResult {
        do {
            let answer = try await job.environment.departments.call(
                job.department, operation: operation, body: resolvedBody(job.data), idempotent: idempotent
            )
            return .success(answer)
        } catch {
            return .failure(StepFailure.from(error))
        }
    }
}

/// `query`: asks the department (idempotent, so the connector may retry) and moves on by itself.
public struct QueryStep: WorkflowStep {
    public static let kind = "query"
    public static let keys = DepartmentRequest.keys

    public let header: StepHeader
    public var request: DepartmentRequest

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> QueryStep? {
        DepartmentRequest.parse(table, header: header, reader: reader).map { QueryStep(header: header, request: $0) }
    }

    public func enter(_ context: inout StepContext) -> StepCommand { .run(idle: false) }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        throw .notAccepted(step: header.id, kind: header.kind, action: input.action)
    }

    public func perform(_ job: StepJob) async -> StepJobResult { await request.call(job, idempotent: true) }

    public func complete(_ result: StepJobResult, context: inout StepContext) -> StepCommand {
        switch result {
        case .success(let answer):
            context.data.set(request.storeAs, answer)
            return .advance
        case .failure(let failure):
            return context.fail(failure)
        }
    }
}

/// `submit`: files an application (never retried by the connector); the answer usually holds a case number.
public struct SubmitStep: WorkflowStep {
    public static let kind = "submit"
    public static let keys = DepartmentRequest.keys

    public let header: StepHeader
    public var request: DepartmentRequest

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> SubmitStep? {
        DepartmentRequest.parse(table, header: header, reader: reader).map { SubmitStep(header: header, request: $0) }
    }

    public func enter(_ context: inout StepContext) -> StepCommand { .run(idle: false) }

    public func perform(_ job: StepJob) async -> StepJobResult { await request.call(job, idempotent: false) }

    public func complete(_ result: StepJobResult, context: inout StepContext) -> StepCommand {
        switch result {
        case .success(let answer):
            context.data.set(request.storeAs, answer)
            return .advance
        case .failure(let failure):
            return context.fail(failure)
        }
    }
}
