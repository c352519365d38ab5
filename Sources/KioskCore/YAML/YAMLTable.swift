/// A YAML mapping whose keys were checked, read field by field; missing required keys are reported.
public struct YAMLTable {
    let reader: YAMLReader
    /// The mapping itself.
    public let value: YAMLValue
    /// The fields by key.
    public let fields: [String: YAMLValue]

    /// The field under `key`; reports it missing when `required`.
    public func field(_ key: String, required: Bool = true) -> YAMLValue? {
        if let field = fields[key], !field.isNull { return field }
        if required { reader.report(value, keyPath: value.child(key), "required key is missing") }
        return nil
    }

    /// A required or optional text field.
    public func string(_ key: String, required: Bool = true) -> String? {
        field(key, required: required).flatMap(reader.string)
    }

    /// A text field that must satisfy `parse`.
    public func parsed<T>(_ key: String, required: Bool = true, expected: String, _ parse: (String) -> T?) -> T? {
        field(key, required: required).flatMap { reader.parsed($0, expected: expected, parse) }
    }

    /// A whole-number field in a range.
    public func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = true) -> Int? {
        field(key, required: required).flatMap { reader.integer($0, in: range) }
    }

    /// A boolean field.
    public func boolean(_ key: String, required: Bool = true) -> Bool? {
        field(key, required: required).flatMap(reader.boolean)
    }

    /// A duration field within bounds.
    public func duration(_ key: String, in range: ClosedRange<Duration>, required: Bool = true) -> Duration? {
        field(key, required: required).flatMap { reader.duration($0, in: range) }
    }

    /// A field holding one of an enumeration's raw values.
    public func choice<T: RawRepresentable & CaseIterable>(_ key: String, of type: T.Type, required: Bool = true) -> T? where T.RawValue == String {
        field(key, required: required).flatMap { reader.choice($0, of: type) }
    }

    /// A nested mapping with its own allowed keys.
    public func table(_ key: String, allowed: [String], required: Bool = true) -> YAMLTable? {
        field(key, required: required).flatMap { reader.table($0, allowed: allowed) }
    }

    /// A list field.
    public func list(_ key: String, required: Bool = true) -> [YAMLValue]? {
        field(key, required: required).flatMap(reader.list)
    }
}

extension YAMLValue {
    /// True for an empty value (`key:` with nothing after it, `~` or `null`).
    var isNull: Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
    }
}
