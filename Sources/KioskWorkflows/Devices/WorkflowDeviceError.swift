import KioskCore

/// Why a device could not do what a workflow step asked.
public enum WorkflowDeviceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The role has no working device (not configured, not built yet, offline, out of paper).
    case unavailable(DeviceRole, reason: LocalizedText)
    /// Nothing was presented in time (no card placed, no code scanned).
    case timedOut(DeviceRole)
    /// The device tried and failed; `retryable` when trying again may work (card moved, paper jam cleared).
    case failed(DeviceRole, message: LocalizedText, retryable: Bool)

    /// The role concerned.
    public var role: DeviceRole {
        switch self {
        case .unavailable(let role, _), .timedOut(let role), .failed(let role, _, _): role
        }
    }

    /// What the citizen is told.
    public var citizenMessage: LocalizedText {
        switch self {
        case .unavailable(_, let reason): reason
        case .timedOut(let role): Self.timeoutText(role)
        case .failed(_, let message, _): message
        }
    }

    /// True when the citizen may try again.
    public var isRetryable: Bool {
        switch self {
        case .unavailable: false
        case .timedOut: true
        case .failed(_, _, let retryable): retryable
        }
    }

    public var description: String {
        switch self {
        case .unavailable(let role, let reason): "\(role.rawValue) is unavailable: \(reason.text("en"))"
        case .timedOut(let role): "\(role.rawValue): nothing was presented in time"
        case .failed(let role, let message, _): "\(role.rawValue) failed: \(message.text("en"))"
        }
    }

    static func timeoutText(_ role: DeviceRole) -> LocalizedText {
        switch role {
        case .idCardReader: LocalizedText(zh: "没有读到身份证，请把身份证放在读卡区后重试", en: "No ID card was read; place it on the reader and try again")
        case .socialSecurityCardReader: LocalizedText(zh: "没有读到社保卡，请插入社保卡后重试", en: "No social-security card was read; insert it and try again")
        case .qrScanner: LocalizedText(zh: "没有扫到二维码，请对准扫码区后重试", en: "No QR code was scanned; hold it to the scanner and try again")
        default: LocalizedText(zh: "设备没有及时响应，请重试", en: "The device did not answer in time; please try again")
        }
    }
}
