import KioskCore
import Logging

/// Why a department call failed: a plain message for the citizen, a structured description for maintainers.
///
/// Neither the message nor the description holds personal data: request bodies never appear, and a
/// department's own problem text is only shown to the citizen, never logged.
public enum DepartmentError: Error, Sendable, Equatable {
    /// The kiosk configuration has no backend for the department.
    case notConfigured(Department)
    /// The department's configuration cannot be used (bad base URL, unreadable TLS files).
    case invalidConfiguration(Department, reason: String)
    /// No connection could be made or it broke (refused, reset, TLS handshake failed).
    case unreachable(Department, operation: String, reason: String)
    /// No complete answer within the configured timeout.
    case timeout(Department, operation: String, limit: Duration)
    /// The department answered an error status, with its problem document when it sent one.
    case status(Department, operation: String, status: Int, problem: DepartmentProblem?)
    /// The answer is not JSON, not an object, or lacks a required field (`field`, a dotted path).
    case malformedResponse(Department, operation: String, field: String?, reason: String)

    /// The department concerned.
    public var department: Department {
        switch self {
        case .notConfigured(let department), .invalidConfiguration(let department, _), .unreachable(let department, _, _),
            .timeout(let department, _, _), .status(let department, _, _, _), .malformedResponse(let department, _, _, _):
            department
        }
    }

    /// Whether the same call may succeed if made again (the client retries queries on these).
    public var isRetryable: Bool {
        switch self {
        case .unreachable, .timeout: true
        case .status(_, _, let status, _): status >= 500 || status == 429
        case .notConfigured, .invalidConfiguration, .malformedResponse: false
        }
    }

    /// The department's problem code (`CITIZEN_NOT_FOUND`), when it answered one.
    public var problemCode: String? {
        if case .status(_, _, _, let problem) = self { return problem?.code }
        return nil
    }

    /// A short stable name of the kind of failure, for logs and metrics.
    public var kind: String {
        switch self {
        case .notConfigured: "not-configured"
        case .invalidConfiguration: "invalid-configuration"
        case .unreachable: "unreachable"
        case .timeout: "timeout"
        case .status: "status"
        case .malformedResponse: "malformed-response"
        }
    }

    /// The text for the citizen by language (`zh-CN`, `en`).
    public var localizedMessage: [String: String] {
        let (zh, en) = Self.names(department)
        switch self {
        case .notConfigured, .invalidConfiguration:
            return ["zh-CN": "本机暂未开通\(zh)业务，请到服务窗口办理", "en": "\(en) services are not available at this kiosk; please visit a service counter"]
        case .status(_, _, let status, let problem) where status < 500 && status != 429:
            if let message = problem?.message, message["zh-CN"] != nil || message["en"] != nil {
                return ["zh-CN": message["zh-CN"] ?? message["en"] ?? "", "en": message["en"] ?? message["zh-CN"] ?? ""]
            }
            return ["zh-CN": "\(zh)系统未能办理该业务，请到服务窗口咨询", "en": "The \(en) system could not handle this request; please ask at a service counter"]
        case .unreachable, .timeout, .status, .malformedResponse:
            return ["zh-CN": "\(zh)系统暂时无法访问，请稍后再试", "en": "The \(en) system cannot be reached just now; please try again later"]
        }
    }

    /// Structured fields for a maintainer's log line (no personal data).
    public var logMetadata: Logger.Metadata {
        var metadata: Logger.Metadata = ["department": "\(department.rawValue)", "error": "\(kind)"]
        switch self {
        case .notConfigured: break
        case .invalidConfiguration(_, let reason): metadata["reason"] = "\(reason)"
        case .unreachable(_, let operation, let reason):
            metadata["operation"] = "\(operation)"
            metadata["reason"] = "\(reason)"
        case .timeout(_, let operation, let limit):
            metadata["operation"] = "\(operation)"
            metadata["timeout"] = "\(limit)"
        case .status(_, let operation, let status, let problem):
            metadata["operation"] = "\(operation)"
            metadata["http.status"] = "\(status)"
            if let code = problem?.code { metadata["problem.code"] = "\(code)" }
            if let field = problem?.field { metadata["problem.field"] = "\(field)" }
        case .malformedResponse(_, let operation, let field, let reason):
            metadata["operation"] = "\(operation)"
            metadata["reason"] = "\(reason)"
            if let field { metadata["field"] = "\(field)" }
        }
        return metadata
    }

    static func names(_ department: Department) -> (String, String) {
        switch department {
        case .hrss: ("人社", "social-security")
        case .mi: ("医保", "medical-insurance")
        case .nr: ("不动产登记", "real-estate registration")
        case .hpf: ("公积金", "housing-fund")
        }
    }
}

extension DepartmentError: CustomStringConvertible {
    /// What a maintainer reads: the department, the operation and what to check.
    public var description: String {
        switch self {
        case .notConfigured(let department):
            "department \(department.rawValue) has no backend in the configuration; add departments.\(department.rawValue).base_url"
        case .invalidConfiguration(let department, let reason):
            "department \(department.rawValue) configuration cannot be used: \(reason); fix departments.\(department.rawValue)"
        case .unreachable(let department, let operation, let reason):
            "\(department.rawValue) \(operation): backend unreachable (\(reason)); check the network and departments.\(department.rawValue).base_url"
        case .timeout(let department, let operation, let limit):
            "\(department.rawValue) \(operation): no answer within \(limit); the backend is slow or departments.\(department.rawValue).timeout is too short"
        case .status(let department, let operation, let status, let problem):
            "\(department.rawValue) \(operation): HTTP \(status)"
                + (problem?.code.map { " \($0)" } ?? " without a problem document")
                + (problem?.field.map { " (field \($0))" } ?? "")
        case .malformedResponse(let department, let operation, _, let reason):
            "\(department.rawValue) \(operation): malformed response: \(reason); the backend does not follow docs/departments.md"
        }
    }
}

extension DepartmentError: DepartmentCallFailure {
    public var citizenMessage: [String: String]? { localizedMessage }
}
