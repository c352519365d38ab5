/// A fault a test switches on for one sandbox department.
public struct SandboxFault: Sendable, Equatable {
    /// What the department does wrong.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Answers correctly after `delay`.
        case slow
        /// Answers `500` with an `INTERNAL` problem document.
        case error
        /// Answers `200` with a truncated, non-JSON body.
        case malformed
        /// Answers `200` with `{"incomplete": true}`, missing every required field.
        case incomplete
    }

    /// The kind of fault.
    public var kind: Kind
    /// The delay of a `slow` answer.
    public var delay: Duration
    /// How many more calls it affects; nil for all until cleared.
    public var remaining: Int?

    public init(_ kind: Kind, delay: Duration = .seconds(3), count: Int? = nil) {
        self.kind = kind
        self.delay = delay
        self.remaining = count
    }
}
