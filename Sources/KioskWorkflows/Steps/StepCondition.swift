import KioskCore

/// `when:` on a step: the step runs only when the value at `path` equals (or not) a given value, or is present
/// (`present: true`: not missing and not null) or absent; else it is skipped.
public struct StepCondition: Sendable, Hashable {
    public var path: String
    public var equals: JSONValue?
    public var notEquals: JSONValue?
    public var present: Bool?

    public static let keys = ["path", "equals", "not-equals", "present"]

    /// True when the step should run.
    public func holds(_ data: PersonalData) -> Bool {
        let value = data.value(at: path) ?? .null
        if let equals, value != equals { return false }
        if let notEquals, value == notEquals { return false }
        if let present, present == (value == .null) { return false }
        return true
    }

    static func parse(_ value: YAMLValue, reader: YAMLReader) -> StepCondition? {
        guard let table = reader.table(value, allowed: keys), let path = table.string("path") else { return nil }
        let equals = table.field("equals", required: false).map(reader.json)
        let notEquals = table.field("not-equals", required: false).map(reader.json)
        let present = table.boolean("present", required: false)
        if equals == nil, notEquals == nil, present == nil {
            reader.report(value, keyPath: value.path + ".equals", "a condition needs equals, not-equals or present")
            return nil
        }
        return StepCondition(path: path, equals: equals, notEquals: notEquals, present: present)
    }
}
