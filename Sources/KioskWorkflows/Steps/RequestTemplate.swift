import KioskCore

/// A department request body written in the workflow file, with `$path` references to session data.
///
/// `idNumber: $identity.idNumber` sends the ID number read from the card; `years: $years.values` the years
/// chosen on the step `years`. A string starting with `$$` is sent with one `$` and not looked up.
/// A reference to a missing value sends `null`.
public struct RequestTemplate: Sendable, Hashable {
    /// The body as written.
    public var template: JSONValue

    public init(_ template: JSONValue) {
        self.template = template
    }

    /// The body with every reference replaced by its value.
    public func resolve(_ data: PersonalData) -> JSONValue {
        Self.resolve(template, data)
    }

    /// The paths the template reads.
    public var references: [String] {
        Self.references(template)
    }

    static func resolve(_ value: JSONValue, _ data: PersonalData) -> JSONValue {
        switch value {
        case .string(let text) where text.hasPrefix("$$"): return .string(String(text.dropFirst()))
        case .string(let text) where text.hasPrefix("$"): return data.value(at: String(text.dropFirst())) ?? .null
        case .object(let members): return .object(members.mapValues { resolve($0, data) })
        case .array(let items): return .array(items.map { resolve($0, data) })
        default: return value
        }
    }

    static func references(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text) where text.hasPrefix("$") && !text.hasPrefix("$$"): return [String(text.dropFirst())]
        case .object(let members): return members.keys.sorted().flatMap { references(members[$0]!) }
        case .array(let items): return items.flatMap(references)
        default: return []
        }
    }
}
