import KioskCore

/// `show`: rows and tables rendered from department answers by dotted path, personal values masked.
public struct ShowStep: WorkflowStep {
    public static let kind = "show"
    public static let keys = ["heading", "rows", "tables"]

    /// A table whose rows are the items of a list.
    public struct TableSpec: Sendable, Hashable {
        public var title: LocalizedText
        /// Dotted path of the list.
        public var items: String
        /// Columns, with paths inside one item.
        public var columns: [DisplayField]
    }

    public let header: StepHeader
    /// The result's heading (the step title when absent).
    public var heading: LocalizedText?
    public var rows: [DisplayField]
    public var tables: [TableSpec]

    public var allowsBack: Bool { true }

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> ShowStep? {
        let heading = reader.localized(table, "heading", required: false)
        let rowValues = table.list("rows", required: false) ?? []
        let rows = rowValues.compactMap { DisplayField.parse($0, reader: reader) }
        var tables: [TableSpec] = []
        let tableValues = table.list("tables", required: false) ?? []
        for value in tableValues {
            guard let spec = reader.table(value, allowed: ["title", "items", "columns"]) else { continue }
            let title = reader.localized(spec, "title")
            let items = spec.string("items")
            let columnValues = spec.list("columns") ?? []
            let columns = columnValues.compactMap { DisplayField.parse($0, reader: reader) }
            if let title, let items, columns.count == columnValues.count, !columns.isEmpty {
                tables.append(TableSpec(title: title, items: items, columns: columns))
            }
        }
        guard rows.count == rowValues.count, tables.count == tableValues.count else { return nil }
        if rows.isEmpty, tables.isEmpty {
            reader.report(table.value, keyPath: table.value.path + ".rows", "a show step needs rows or tables")
            return nil
        }
        return ShowStep(header: header, heading: heading, rows: rows, tables: tables)
    }

    /// The result rendered from the personal data in `language`.
    public func render(_ data: PersonalData, language: String) -> ShownResult {
        let root = data.value(at: "") ?? .null
        let rendered = rows.compactMap { row in
            row.render(in: root, language: language).map { ShownResult.Row(label: row.label, value: $0) }
        }
        let renderedTables = tables.map { spec in
            let items = root.value(at: spec.items)?.arrayValue ?? []
            return ShownResult.Table(
                title: spec.title,
                columns: spec.columns.map(\.label),
                rows: items.map { item in spec.columns.map { $0.render(in: item, language: language) ?? "" } }
            )
        }
        return ShownResult(title: heading ?? header.title, rows: rendered, tables: renderedTables)
    }

    public func enter(_ context: inout StepContext) -> StepCommand {
        context.shown[header.id] = render(context.data, language: context.language)
        return .wait
    }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        guard input.action == "next" else { throw .notAccepted(step: header.id, kind: header.kind, action: input.action) }
        return .advance
    }

    public func view(_ context: StepContext) -> [String: JSONValue] {
        ["result": (context.shown[header.id] ?? render(context.data, language: context.language)).json]
    }
}
