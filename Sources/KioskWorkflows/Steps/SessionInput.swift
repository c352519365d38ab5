/// One input from the touch UI (`POST /api/v1/sessions/{id}/input`).
public struct SessionInput: Sendable, Equatable, Codable {
    /// `choose`, `submit`, `confirm`, `decline`, `select`, `next`, `retry`, `rate`, `touch`, `back`, `cancel`.
    public var action: String
    /// For `choose` on identify.
    public var method: String?
    /// For `submit` on form and identify (case number).
    public var fields: [String: String]?
    /// For `select` on choose.
    public var values: [String]?
    /// For `rate`.
    public var level: Int?

    public init(action: String, method: String? = nil, fields: [String: String]? = nil, values: [String]? = nil, level: Int? = nil) {
        self.action = action
        self.method = method
        self.fields = fields
        self.values = values
        self.level = level
    }
}
