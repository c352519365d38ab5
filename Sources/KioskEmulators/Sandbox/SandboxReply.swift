import KioskCore

/// What a sandbox department answers: a status and a JSON body (an object, or a problem document).
public struct SandboxReply: Sendable, Equatable {
    /// The HTTP status.
    public var status: Int
    /// The JSON body.
    public var body: JSONValue

    public init(status: Int = 200, body: JSONValue) {
        self.status = status
        self.body = body
    }

    /// A `200` with `body`.
    public static func ok(_ body: JSONValue) -> SandboxReply { SandboxReply(body: body) }

    /// A problem document as in docs/departments.md.
    public static func problem(
        _ status: Int, _ code: String, zh: String, en: String, field: String? = nil
    ) -> SandboxReply {
        var body: [String: JSONValue] = [
            "code": .string(code), "status": .number(Double(status)), "title": .string(code.lowercased()),
            "message": ["zh-CN": .string(zh), "en": .string(en)],
        ]
        if let field { body["field"] = .string(field) }
        return SandboxReply(status: status, body: .object(body))
    }

    /// `404 CITIZEN_NOT_FOUND`.
    public static let citizenNotFound = problem(
        404, "CITIZEN_NOT_FOUND", zh: "未查询到您的信息，请核对证件或换一种方式办理", en: "No record was found for you; check your card or try another way"
    )

    /// `404 NO_RECORDS` with a text naming what is missing.
    public static func noRecords(zh: String, en: String) -> SandboxReply { problem(404, "NO_RECORDS", zh: zh, en: en) }

    /// `422 NOT_ELIGIBLE`.
    public static func notEligible(zh: String, en: String) -> SandboxReply { problem(422, "NOT_ELIGIBLE", zh: zh, en: en) }

    /// `422 INVALID_FIELD` naming `field`.
    public static func invalid(_ field: String, zh: String, en: String) -> SandboxReply {
        problem(422, "INVALID_FIELD", zh: zh, en: en, field: field)
    }

    /// `409 DUPLICATE`.
    public static func duplicate(zh: String, en: String) -> SandboxReply { problem(409, "DUPLICATE", zh: zh, en: en) }

    /// `404` for an operation the department does not have.
    public static func unknownOperation(_ path: String) -> SandboxReply {
        problem(404, "UNKNOWN_OPERATION", zh: "不支持的业务", en: "Unknown operation \(path)")
    }
}
