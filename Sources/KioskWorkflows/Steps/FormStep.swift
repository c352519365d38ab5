import KioskCore

/// `form`: a few fields typed on the on-screen keypad or chosen from options; stores `<step id>.<field>`.
public struct FormStep: WorkflowStep {
    public static let kind = "form"
    public static let keys = ["fields"]

    /// How a field is typed.
    public enum Input: String, Sendable, Hashable, CaseIterable {
        case digits
        case amount
        case textChoice = "text-choice"
    }

    /// One field.
    public struct Field: Sendable, Hashable {
        public var name: String
        public var label: LocalizedText
        public var input: Input
        public var length: Int?
        public var pattern: String?
        public var options: [ChooseStep.Option]
        public var required: Bool

        /// Nil when `text` is acceptable, else what was expected.
        func problem(_ text: String) -> String? {
            if text.isEmpty { return required ? "a value" : nil }
            switch input {
            case .digits:
                if !text.allSatisfy({ $0.isASCII && $0.isNumber }) { return "digits only" }
            case .amount:
                let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                if Double(text) == nil || parts.count > 2 || (parts.count == 2 && parts[1].count > 2) || text.hasPrefix("-") {
                    return "an amount in yuan with at most two decimals"
                }
            case .textChoice:
                if !options.contains(where: { $0.value == text }) {
                    return "one of \(options.map(\.value).joined(separator: ", "))"
                }
            }
            if let length, text.count > length { return "at most \(length) characters" }
            if let pattern, (try? Regex(pattern).wholeMatch(in: text)) == nil { return "a value matching \(pattern)" }
            return nil
        }

        var json: JSONValue {
            var members: [String: JSONValue] = ["name": .string(name), "label": label.json, "input": .string(input.rawValue), "required": .bool(required)]
            if let length { members["length"] = .number(Double(length)) }
            if let pattern { members["pattern"] = .string(pattern) }
            if !options.isEmpty { members["options"] = .array(options.map { ["value": .string($0.value), "label": $0.label.json] }) }
            return .object(members)
        }
    }

    public let header: StepHeader
    public var fields: [Field]

    public var allowsBack: Bool { true }
    public var isBackTarget: Bool { true }

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> FormStep? {
        guard let items = table.list("fields") else { return nil }
        var fields: [Field] = []
        for item in items {
            guard let field = reader.table(item, allowed: ["name", "label", "input", "length", "pattern", "options", "required"]) else { continue }
            var options: [ChooseStep.Option] = []
            for option in field.list("options", required: false) ?? [] {
                if let table = reader.table(option, allowed: ["value", "label"]), let value = table.string("value"), let label = reader.localized(table, "label") {
                    options.append(.init(value: value, label: label))
                }
            }
            guard let name = field.string("name"), let label = reader.localized(field, "label"),
                  let input = field.choice("input", of: Input.self) else { continue }
            if input == .textChoice, options.isEmpty { reader.report(field.value, keyPath: field.value.path + ".options", "a text-choice field needs options") }
            fields.append(Field(
                name: name, label: label, input: input,
                length: field.integer("length", in: 1...200, required: false),
                pattern: field.parsed("pattern", required: false, expected: "a regular expression", { (try? Regex($0)) != nil ? $0 : nil }),
                options: options,
                required: field.boolean("required", required: false) ?? true
            ))
        }
        return fields.count == items.count ? FormStep(header: header, fields: fields) : nil
    }

    public func enter(_ context: inout StepContext) -> StepCommand { .wait }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        guard input.action == "submit" else { throw .notAccepted(step: header.id, kind: header.kind, action: input.action) }
        let given = input.fields ?? [:]
        if let unknown = given.keys.sorted().first(where: { name in !fields.contains { $0.name == name } }) {
            throw .invalidField(step: header.id, field: unknown, expected: "only the fields \(fields.map(\.name).joined(separator: ", "))")
        }
        var values: [String: JSONValue] = [:]
        for field in fields {
            let text = (given[field.name] ?? "").trimmingSpaces
            if let problem = field.problem(String(text)) {
                throw .invalidField(step: header.id, field: field.name, expected: problem)
            }
            values[field.name] = text.isEmpty ? .null : .string(String(text))
        }
        context.data.set(header.id, .object(values))
        return .advance
    }

    public func view(_ context: StepContext) -> [String: JSONValue] {
        ["fields": .array(fields.map(\.json))]
    }
}
