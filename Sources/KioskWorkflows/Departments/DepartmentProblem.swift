import KioskCore

/// The problem document a department answers with an error status (docs/departments.md, Errors).
public struct DepartmentProblem: Sendable, Equatable {
    /// Machine code such as `CITIZEN_NOT_FOUND`.
    public var code: String?
    /// The message for the citizen by language (`zh-CN`, `en`), as the department wrote it.
    public var message: [String: String]?
    /// The request field concerned, for `INVALID_FIELD`.
    public var field: String?

    public init(code: String? = nil, message: [String: String]? = nil, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The problem in a response body, nil when the body is not a JSON object.
    public init?(json: JSONValue) {
        guard let members = json.objectValue else { return nil }
        code = members["code"]?.stringValue
        field = members["field"]?.stringValue
        if let texts = members["message"]?.objectValue {
            let strings = texts.compactMapValues(\.stringValue)
            message = strings.isEmpty ? nil : strings
        } else if let text = members["message"]?.stringValue {
            message = ["zh-CN": text]
        }
    }
}
