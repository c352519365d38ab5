import KioskCore

/// A result as a show step rendered it (personal values masked): what the screen shows and print steps print.
public struct ShownResult: Sendable, Equatable {
    /// One label–value line.
    public struct Row: Sendable, Equatable {
        public var label: LocalizedText
        public var value: String
    }

    /// A table of rows of cells.
    public struct Table: Sendable, Equatable {
        public var title: LocalizedText
        public var columns: [LocalizedText]
        public var rows: [[String]]
    }

    public var title: LocalizedText
    public var rows: [Row]
    public var tables: [Table]

    /// The result as the session document shows it (`show.result`).
    public var json: JSONValue {
        [
            "title": title.json,
            "rows": .array(rows.map { ["label": $0.label.json, "value": .string($0.value)] }),
            "tables": .array(tables.map { table in
                [
                    "title": table.title.json,
                    "columns": .array(table.columns.map(\.json)),
                    "rows": .array(table.rows.map { .array($0.map(JSONValue.string)) }),
                ]
            }),
        ]
    }
}
