import KioskCore

/// The step kinds a workflow file may use, by kind name.
public struct StepRegistry: Sendable {
    private var kinds: [String: any WorkflowStep.Type] = [:]

    public init(_ types: [any WorkflowStep.Type] = []) {
        for type in types { register(type) }
    }

    /// The ten kinds kioskd ships.
    public static let standard = StepRegistry([
        IdentifyStep.self, ConsentStep.self, QueryStep.self, ChooseStep.self, FormStep.self,
        SubmitStep.self, PayStep.self, ShowStep.self, PrintStep.self, RateStep.self,
    ])

    /// Adds (or replaces) a kind.
    public mutating func register(_ type: any WorkflowStep.Type) {
        kinds[type.kind] = type
    }

    /// The registered kind names, sorted.
    public var names: [String] { kinds.keys.sorted() }

    /// Reads one step mapping; problems go to the reader.
    func parse(_ value: YAMLValue, reader: YAMLReader) -> (any WorkflowStep)? {
        guard let loose = reader.table(value, allowed: []) else { return nil }
        guard let kindName = loose.string("kind") else { return nil }
        guard let type = kinds[kindName] else {
            reader.report(loose.fields["kind"] ?? value, "unknown step kind \"\(kindName)\"; expected one of \(names.joined(separator: ", "))")
            return nil
        }
        return Self.parse(type, value, reader: reader)
    }

    private static func parse<Step: WorkflowStep>(_ type: Step.Type, _ value: YAMLValue, reader: YAMLReader) -> (any WorkflowStep)? {
        guard let table = reader.table(value, allowed: StepHeader.keys + Step.keys) else { return nil }
        let id = table.parsed("id", expected: Identifier.expected, { Identifier.isValid($0) ? $0 : nil })
        let title = reader.localized(table, "title")
        let prompt = reader.localized(table, "prompt", required: false)
        let when = table.field("when", required: false).flatMap { StepCondition.parse($0, reader: reader) }
        guard let id, let title else { return nil }
        return Step.parse(table, header: StepHeader(id: id, kind: Step.kind, title: title, prompt: prompt, when: when), reader: reader)
    }
}
