import KioskCore

/// `choose`: pick one or more options, fixed in the file or taken from a department's answer.
///
/// Stores `<step id>.values` (the chosen values) and `<step id>.value` (the first).
public struct ChooseStep: WorkflowStep {
    public static let kind = "choose"
    public static let keys = ["options", "options-from", "multiple", "min", "max"]

    /// A fixed option.
    public struct Option: Sendable, Hashable {
        public var value: String
        public var label: LocalizedText
    }

    /// Options read from a list in the personal data: each item's `value` and `label` fields.
    public struct OptionSource: Sendable, Hashable {
        public var list: String
        public var value: String
        public var label: String
        /// How the label is written (`amount` for money).
        public var format: ValueFormat
    }

    public let header: StepHeader
    public var options: [Option]
    public var source: OptionSource?
    public var multiple: Bool
    public var minimum: Int
    public var maximum: Int

    public var allowsBack: Bool { true }
    public var isBackTarget: Bool { true }

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> ChooseStep? {
        var options: [Option] = []
        for item in table.list("options", required: false) ?? [] {
            guard let option = reader.table(item, allowed: ["value", "label"]) else { continue }
            if let value = option.string("value"), let label = reader.localized(option, "label") {
                options.append(Option(value: value, label: label))
            }
        }
        var source: OptionSource?
        if let from = table.table("options-from", allowed: ["list", "value", "label", "format"], required: false),
           let list = from.string("list"), let value = from.string("value"), let label = from.string("label") {
            source = OptionSource(list: list, value: value, label: label, format: from.choice("format", of: ValueFormat.self, required: false) ?? .text)
        }
        if options.isEmpty, source == nil {
            reader.report(table.value, keyPath: table.value.path + ".options", "a choose step needs options or options-from")
            return nil
        }
        let multiple = table.boolean("multiple", required: false) ?? false
        let minimum = table.integer("min", in: 0...50, required: false) ?? 1
        let maximum = table.integer("max", in: 1...50, required: false) ?? (multiple ? 50 : 1)
        return ChooseStep(header: header, options: options, source: source, multiple: multiple, minimum: minimum, maximum: maximum)
    }

    /// The options offered now.
    /// The options offered now: the value as the UI sends it, the label, and the value as stored
    /// (a department's own JSON value, e.g. the number 2024, for options-from).
    public func offered(_ context: StepContext) -> [(value: String, label: LocalizedText, raw: JSONValue)] {
        var result = options.map { ($0.value, $0.label, JSONValue.string($0.value)) }
        if let source, let items = context.data.value(at: source.list)?.arrayValue {
            for item in items {
                guard let raw = item.value(at: source.value), let value = ValueFormat.text.render(raw, language: "en") else { continue }
                let label = item.value(at: source.label).flatMap { source.format.render($0, language: "en") } ?? value
                result.append((value, LocalizedText(verbatim: label), raw))
            }
        }
        return result
    }

    public func enter(_ context: inout StepContext) -> StepCommand { .wait }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        guard input.action == "select" else { throw .notAccepted(step: header.id, kind: header.kind, action: input.action) }
        let values = input.values ?? []
        let offered = offered(context)
        let allowed = Set(offered.map(\.value))
        if let wrong = values.first(where: { !allowed.contains($0) }) {
            throw .invalidValue(step: header.id, reason: "\"\(wrong)\" is not one of the options")
        }
        let upper = multiple ? maximum : 1
        guard (minimum...max(minimum, upper)).contains(values.count), Set(values).count == values.count else {
            throw .invalidValue(step: header.id, reason: "choose from \(minimum) to \(upper) different options")
        }
        let raws = values.map { value in offered.first { $0.value == value }?.raw ?? .string(value) }
        context.data.set(header.id, ["values": .array(raws), "value": raws.first ?? .null])
        return .advance
    }

    public func view(_ context: StepContext) -> [String: JSONValue] {
        [
            "options": .array(offered(context).map { ["value": .string($0.value), "label": $0.label.json] }),
            "multiple": .bool(multiple),
            "min": .number(Double(minimum)),
            "max": .number(Double(multiple ? maximum : 1)),
        ]
    }
}
