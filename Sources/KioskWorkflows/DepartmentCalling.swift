import KioskCore

/// How workflow steps reach a department's backend; the department client conforms to it.
///
/// A call posts `body` to the department's operation (e.g. `hrss` / `enrollment.query`) and returns
/// the decoded JSON response. `idempotent` is true for queries (the client may retry them) and false
/// for submissions and payments (never retried: a retry could file a case twice).
/// Errors thrown should conform to `DepartmentCallFailure` so the session can say whether the
/// citizen may retry; any other error is shown as a non-retryable failure.
public protocol DepartmentCalling: Sendable {
    /// Calls one operation of a department and returns its JSON response.
    func call(_ department: Department, operation: String, body: JSONValue, idempotent: Bool) async throws -> JSONValue
}

/// What a department call error tells the session engine and the citizen.
public protocol DepartmentCallFailure: Error {
    /// True when trying again later may succeed (timeout, backend down); false for a refusal.
    var isRetryable: Bool { get }
    /// A text for the citizen in zh-CN and en, without personal data; nil for a generic one.
    var citizenMessage: [String: String]? { get }
}
