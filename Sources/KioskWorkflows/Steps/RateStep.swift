import KioskCore

/// `rate`: the five-level satisfaction rating that ends every service.
public struct RateStep: WorkflowStep {
    public static let kind = "rate"
    public static let keys: [String] = []

    public let header: StepHeader

    /// 5 非常满意 … 1 非常不满意.
    public static let levels: [(value: Int, label: LocalizedText)] = [
        (5, LocalizedText(zh: "非常满意", en: "Very satisfied")),
        (4, LocalizedText(zh: "满意", en: "Satisfied")),
        (3, LocalizedText(zh: "基本满意", en: "Fairly satisfied")),
        (2, LocalizedText(zh: "不满意", en: "Dissatisfied")),
        (1, LocalizedText(zh: "非常不满意", en: "Very dissatisfied")),
    ]

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> RateStep? {
        RateStep(header: header)
    }

    public func enter(_ context: inout StepContext) -> StepCommand { .wait }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        guard input.action == "rate" else { throw .notAccepted(step: header.id, kind: header.kind, action: input.action) }
        guard let level = input.level, (1...5).contains(level) else {
            throw .invalidField(step: header.id, field: "level", expected: "a whole number from 1 to 5")
        }
        context.rating = level
        return .end(.finished)
    }

    public func view(_ context: StepContext) -> [String: JSONValue] {
        ["levels": .array(Self.levels.map { ["value": .number(Double($0.value)), "label": $0.label.json] })]
    }
}
