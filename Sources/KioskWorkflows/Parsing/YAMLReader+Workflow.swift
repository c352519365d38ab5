import KioskCore
import Yams

extension YAMLReader {
    /// A localized text: a mapping with `zh-CN` and `en`, both required.
    func localized(_ value: YAMLValue) -> LocalizedText? {
        guard let table = table(value, allowed: LocalizedText.languages) else { return nil }
        var texts: [String: String] = [:]
        for language in LocalizedText.languages {
            if let text = table.string(language) { texts[language] = text }
        }
        return texts.count == LocalizedText.languages.count ? LocalizedText(texts) : nil
    }

    /// A list of localized texts.
    func localizedList(_ value: YAMLValue) -> [LocalizedText]? {
        guard let items = list(value) else { return nil }
        let texts = items.compactMap(localized)
        return texts.count == items.count ? texts : nil
    }

    /// A list of enumeration values.
    func choices<T: RawRepresentable & CaseIterable>(_ value: YAMLValue, of type: T.Type) -> [T]? where T.RawValue == String {
        guard let items = list(value) else { return nil }
        let values = items.compactMap { choice($0, of: type) }
        return values.count == items.count ? values : nil
    }

    /// Any YAML value as JSON: mappings become objects, lists arrays, scalars strings (or numbers/booleans when tagged so).
    func json(_ value: YAMLValue) -> JSONValue {
        Self.json(value.node)
    }

    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                if let number = Int(scalar.string) { return .number(Double(number)) }
                if scalar.string == "true" { return .bool(true) }
                if scalar.string == "false" { return .bool(false) }
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping { members[key.scalar?.string ?? ""] = json(value) }
            return .object(members)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .alias:
            return .null
        }
    }
}

extension YAMLReader {
    /// A required or optional localized text of a table.
    func localized(_ table: YAMLTable, _ key: String, required: Bool = true) -> LocalizedText? {
        table.field(key, required: required).flatMap(localized)
    }

    /// A required or optional list of localized texts of a table.
    func localizedList(_ table: YAMLTable, _ key: String, required: Bool = true) -> [LocalizedText]? {
        table.field(key, required: required).flatMap(localizedList)
    }

    /// A list of enumeration values of a table.
    func choices<T: RawRepresentable & CaseIterable>(_ table: YAMLTable, _ key: String, of type: T.Type, required: Bool = true) -> [T]? where T.RawValue == String {
        table.field(key, required: required).flatMap { choices($0, of: type) }
    }
}
