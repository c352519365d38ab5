/// Why an input was refused (`422` in the API); the messages name the step, the action or the field.
public enum SessionInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The step does not take this action now.
    case notAccepted(step: String, kind: String, action: String)
    /// A field of a form (or the case number) is missing or malformed.
    case invalidField(step: String, field: String, expected: String)
    /// A choice or rating outside what the step offers.
    case invalidValue(step: String, reason: String)

    public var description: String {
        switch self {
        case .notAccepted(let step, let kind, let action):
            "step \"\(step)\" (\(kind)) does not accept the action \"\(action)\" now"
        case .invalidField(let step, let field, let expected):
            "step \"\(step)\": field \"\(field)\" is invalid; expected \(expected)"
        case .invalidValue(let step, let reason):
            "step \"\(step)\": \(reason)"
        }
    }

    /// The field concerned, when there is one.
    public var field: String? {
        if case .invalidField(_, let field, _) = self { return field }
        return nil
    }
}
