import Foundation
import KioskCore

/// One message of the events WebSocket (`docs/sessions.md`, Events).
public enum ServiceEvent: Sendable, Equatable {
    /// The active session changed; the session document.
    case session(JSONValue)
    case idleWarning(sessionID: String, remainingSeconds: Int)
    case sessionEnded(sessionID: String, reason: SessionState)
    /// A device changed state; its `DeviceStatus` document.
    case device(JSONValue)
    /// Service availability changed.
    case services
    /// A card was presented or removed, or should be removed (`presented`, `removed`, `please-remove`).
    case card(device: String, event: String)

    /// A device event from a device status.
    public static func device(_ status: DeviceStatus) -> ServiceEvent {
        let data = (try? JSONEncoder().encode(status)) ?? Data("null".utf8)
        return .device((try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null)
    }

    /// The message as sent.
    public var json: JSONValue {
        switch self {
        case .session(let session): ["type": "session", "session": session]
        case .idleWarning(let id, let remaining): ["type": "idle-warning", "sessionID": .string(id), "remainingSeconds": .number(Double(remaining))]
        case .sessionEnded(let id, let reason): ["type": "session-ended", "sessionID": .string(id), "reason": .string(reason.rawValue)]
        case .device(let status): ["type": "device", "device": status]
        case .services: ["type": "services"]
        case .card(let device, let event): ["type": "card", "device": .string(device), "event": .string(event)]
        }
    }

    /// The message as JSON text.
    public var text: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(json)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
