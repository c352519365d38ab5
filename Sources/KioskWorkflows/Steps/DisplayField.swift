import KioskCore

/// A value shown by a show step or a table column: a label, where the value is, and how to write it.
public struct DisplayField: Sendable, Hashable {
    /// The label.
    public var label: LocalizedText
    /// Dotted path of the value (`query.account.balance`, or `year` inside a table's items).
    public var path: String
    /// How to mask it when it is personal.
    public var personal: PersonalKind?
    /// How to write it.
    public var format: ValueFormat
    /// Words for coded values (`active` → 正常参保).
    public var map: [String: LocalizedText]

    public static let keys = ["label", "value", "personal", "format", "map"]

    /// The value at `path` in `root`, written and masked; nil when absent.
    public func render(in root: JSONValue, language: String) -> String? {
        guard let value = root.value(at: path) else { return nil }
        let boolKey: String? = if case .bool(let flag) = value { flag ? "true" : "false" } else { nil }
        if let key = value.stringValue ?? value.numberValue.map(ValueFormat.plain) ?? boolKey, let words = map[key] {
            return words.text(language)
        }
        guard let text = format.render(value, language: language) else { return nil }
        return personal.map { $0.mask(text) } ?? text
    }

    /// Reads a field mapping.
    static func parse(_ value: YAMLValue, reader: YAMLReader) -> DisplayField? {
        guard let table = reader.table(value, allowed: keys) else { return nil }
        let label = reader.localized(table, "label")
        let path = table.string("value")
        let personal = table.choice("personal", of: PersonalKind.self, required: false)
        let format = table.choice("format", of: ValueFormat.self, required: false) ?? .text
        var map: [String: LocalizedText] = [:]
        if let mapValue = table.field("map", required: false),
           let entries = reader.dictionary(mapValue, keyDescription: "a coded value", isValidKey: { !$0.isEmpty }) {
            for (key, text) in entries {
                if let words = reader.localized(text) { map[key] = words }
            }
        }
        guard let label, let path else { return nil }
        return DisplayField(label: label, path: path, personal: personal, format: format, map: map)
    }
}
