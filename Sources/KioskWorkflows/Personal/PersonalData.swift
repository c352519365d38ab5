import KioskCore

/// Every personal datum of one session in one place: identity, form inputs, choices, department answers.
///
/// Values live under a top-level name (`identity`, or the id of the step that stored them) and are read by
/// dotted path (`identity.idNumber`, `query.account.balance`). `wipe()` drops them all at the session's end.
/// `description`, `debugDescription` and the mirror never show a value, so logging the container is safe.
public struct PersonalData: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private var values: [String: JSONValue] = [:]

    public init() {}

    /// The value at a dotted path, nil when absent.
    public func value(at path: String) -> JSONValue? {
        JSONValue.object(values).value(at: path)
    }

    /// Stores a value under a top-level name, replacing what was there.
    public mutating func set(_ name: String, _ value: JSONValue) {
        values[name] = value
    }

    /// Removes the value under a top-level name.
    public mutating func remove(_ name: String) {
        values[name] = nil
    }

    /// True when nothing is held.
    public var isEmpty: Bool { values.isEmpty }

    /// The names that hold values (for tests and audits; never the values).
    public var names: [String] { values.keys.sorted() }

    /// Drops every value. Swift strings cannot be overwritten in place; dropping the last reference frees them.
    public mutating func wipe() {
        values.removeAll(keepingCapacity: false)
    }

    public var description: String { "PersonalData(\(values.count) entries, redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["entries": values.count], displayStyle: .struct) }
}
