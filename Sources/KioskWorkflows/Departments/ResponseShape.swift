import KioskCore

/// The fields a department's response must hold: dotted paths (`totals.months`) with their JSON types.
public struct ResponseShape: Sendable, Equatable {
    /// A JSON type a required field must have.
    public enum FieldType: String, Sendable, Equatable {
        case string, number, bool, object, array

        /// Whether `value` is of this type.
        func matches(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (.string, .string), (.number, .number), (.bool, .bool), (.object, .object), (.array, .array): true
            default: false
            }
        }
    }

    /// One required field.
    public struct Field: Sendable, Equatable {
        /// Dotted path from the top-level object.
        public var path: String
        /// The type it must have.
        public var type: FieldType

        public init(_ path: String, _ type: FieldType) {
            self.path = path
            self.type = type
        }
    }

    /// How a response fails its shape.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        /// The field's dotted path.
        public var path: String
        /// The type it should have.
        public var expected: FieldType
        /// The type it has, nil when it is missing (or null).
        public var found: String?

        public init(path: String, expected: FieldType, found: String?) {
            self.path = path
            self.expected = expected
            self.found = found
        }

        public var description: String {
            if let found { "field `\(path)` is \(found), expected \(expected.rawValue)" } else { "missing field `\(path)` (\(expected.rawValue))" }
        }
    }

    /// The required fields, checked in order.
    public var fields: [Field]

    public init(fields: [Field] = []) {
        self.fields = fields
    }

    /// Any JSON object.
    public static let object = ResponseShape()

    /// The same shape with more required fields.
    public func adding(_ more: ResponseShape) -> ResponseShape {
        ResponseShape(fields: fields + more.fields)
    }

    /// The first way `value` fails the shape (not an object, a missing or mistyped field), nil when it conforms.
    public func violation(in value: JSONValue) -> Violation? {
        guard value.objectValue != nil else { return Violation(path: "", expected: .object, found: Self.typeName(value)) }
        for field in fields {
            guard let found = value.value(at: field.path), found != .null else {
                return Violation(path: field.path, expected: field.type, found: nil)
            }
            if !field.type.matches(found) {
                return Violation(path: field.path, expected: field.type, found: Self.typeName(found))
            }
        }
        return nil
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension ResponseShape: ExpressibleByDictionaryLiteral {
    /// A shape from a literal `["path": .type]`; the fields are checked in the literal's order.
    public init(dictionaryLiteral elements: (String, FieldType)...) {
        self.init(fields: elements.map { Field($0.0, $0.1) })
    }
}
