/// One driver parameter's value from a profile.
public enum ProfileParameter: Sendable, Equatable, CustomStringConvertible {
    case boolean(Bool)
    case integer(Int)
    case text(String)
    case duration(Duration)

    /// What a parameter may hold.
    public enum Kind: Sendable, Equatable {
        case boolean
        case integer(ClosedRange<Int>)
        case oneOf([Int])
        case text
        case duration
    }

    public var description: String {
        switch self {
        case .boolean(let value): "\(value)"
        case .integer(let value): "\(value)"
        case .text(let value): value
        case .duration(let value): DurationText.format(value)
        }
    }

    /// The integer value, when it is one.
    public var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// The boolean value, when it is one.
    public var booleanValue: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }
}
