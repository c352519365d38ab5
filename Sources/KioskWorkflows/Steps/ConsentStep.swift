import KioskCore

/// `consent`: says what data will be used; `confirm` goes on, `decline` ends the session.
public struct ConsentStep: WorkflowStep {
    public static let kind = "consent"
    public static let keys = ["items", "text"]

    public let header: StepHeader
    public var items: [LocalizedText]
    public var text: LocalizedText

    public var isBackTarget: Bool { true }

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> ConsentStep? {
        guard let items = reader.localizedList(table, "items"), let text = reader.localized(table, "text") else { return nil }
        return ConsentStep(header: header, items: items, text: text)
    }

    public func enter(_ context: inout StepContext) -> StepCommand { .wait }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        switch input.action {
        case "confirm": return .advance
        case "decline": return .end(.cancelled)
        default: throw .notAccepted(step: header.id, kind: header.kind, action: input.action)
        }
    }

    public func view(_ context: StepContext) -> [String: JSONValue] {
        ["items": .array(items.map(\.json)), "text": text.json]
    }
}
