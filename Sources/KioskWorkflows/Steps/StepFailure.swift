import KioskCore

/// A step's failure as the citizen sees it, with a code for the audit record (no personal data).
public struct StepFailure: Sendable, Equatable {
    /// Words for the citizen.
    public var message: LocalizedText
    /// True when trying again may work.
    public var retryable: Bool
    /// A short stable code for the audit record (`device.timeout`, `department.unavailable`).
    public var code: String

    public init(message: LocalizedText, retryable: Bool, code: String) {
        self.message = message
        self.retryable = retryable
        self.code = code
    }

    /// The failure an error thrown by a device or a department call stands for.
    public static func from(_ error: any Error) -> StepFailure {
        if let error = error as? WorkflowDeviceError {
            let code: String
            switch error {
            case .unavailable: code = "device.unavailable"
            case .timedOut: code = "device.timeout"
            case .failed: code = "device.failed"
            }
            return StepFailure(message: error.citizenMessage, retryable: error.isRetryable, code: code)
        }
        if let error = error as? any DepartmentCallFailure {
            let message = error.citizenMessage.map(LocalizedText.init) ?? (error.isRetryable ? departmentBusy : departmentRefused)
            return StepFailure(message: message, retryable: error.isRetryable, code: error.isRetryable ? "department.unavailable" : "department.refused")
        }
        if error is CancellationError {
            return StepFailure(message: LocalizedText(zh: "操作已取消", en: "Cancelled"), retryable: true, code: "cancelled")
        }
        return StepFailure(message: departmentBusy, retryable: true, code: "error")
    }

    /// The generic text when a department cannot be reached.
    public static let departmentBusy = LocalizedText(zh: "业务系统暂时无法访问，请稍后重试", en: "The department's system cannot be reached; please try again later")
    /// The generic text when a department refuses.
    public static let departmentRefused = LocalizedText(zh: "业务系统未能办理，请到窗口咨询", en: "The department could not handle this; please ask at a counter")

    /// The failure as the session document shows it.
    public var json: JSONValue {
        ["message": message.json, "retryable": .bool(retryable)]
    }
}
