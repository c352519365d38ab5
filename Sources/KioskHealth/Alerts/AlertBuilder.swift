import Foundation
import KioskCore

/// Turns faults into Alertmanager alerts: the labels that identify them, the annotations that explain them.
public struct AlertBuilder: Sendable {
    public var kiosk: KioskIdentity
    public var catalogue: FaultCatalogue
    /// Bureau names by id, for the `owner_name` annotation.
    public var bureaus: [String: Bureau]
    /// Base of runbook links; the fault code is appended as a fragment.
    public var runbookBase: String
    /// The alert's `generatorURL` (the kiosk's API).
    public var generatorURL: String

    public init(
        kiosk: KioskIdentity, catalogue: FaultCatalogue = FaultCatalogue(), bureaus: [String: Bureau] = [:],
        runbookBase: String = "https://kioskd.invalid/docs/alerting.md#", generatorURL: String = ""
    ) {
        self.kiosk = kiosk
        self.catalogue = catalogue
        self.bureaus = bureaus
        self.runbookBase = runbookBase
        self.generatorURL = generatorURL
    }

    /// The alertname of the always-firing heartbeat.
    public static let heartbeatName = "KioskHeartbeat"

    /// The outbox key of a fault's alert: one per incident, stable across restarts.
    public static func key(of fault: FaultRecord) -> String { "fault-\(fault.id ?? 0)" }

    /// The labels of a fault's alert; the same for every resend and the resolution.
    public func labels(of fault: FaultRecord) -> [String: String] {
        [
            "alertname": catalogue.definition(for: fault.code).alertName,
            "kiosk": kiosk.id,
            "site": kiosk.site,
            "device": fault.subject,
            "severity": fault.severity.rawValue,
            "owner": fault.owner,
            "code": fault.code.rawValue,
            "action": fault.action.rawValue,
        ]
    }

    /// The alert for a fault: firing until `endsAt` while open, resolved at `resolvedAt` once closed.
    public func alert(for fault: FaultRecord, now: Date, resendInterval: Duration) -> OutboundAlert {
        let endsAt: Date
        if let resolvedAt = fault.resolvedAt, fault.status != .open {
            endsAt = max(resolvedAt, fault.startedAt)
        } else {
            endsAt = now.addingTimeInterval(4 * max(resendInterval.seconds, 1))
        }
        return OutboundAlert(labels: labels(of: fault), annotations: annotations(of: fault), startsAt: fault.startedAt, endsAt: endsAt, generatorURL: generatorURL)
    }

    /// summary, summary_zh, description (with what recovery tried), runbook, owner_name.
    public func annotations(of fault: FaultRecord) -> [String: String] {
        var description = "\(kiosk.name) (\(kiosk.id)), \(fault.subject): \(fault.detail)"
        if !fault.recovery.isEmpty {
            let tried = fault.recovery.map { "\($0.step.rawValue) (\($0.succeeded ? "done" : "failed"): \($0.detail))" }
            description += ". Tried: " + tried.joined(separator: "; ") + "; the fault remained."
        }
        if fault.flapping { description += " The device is flapping (failing and recovering repeatedly)." }
        var annotations = [
            "summary": "\(kiosk.id) \(fault.subject): \(fault.summary)",
            "summary_zh": "\(kiosk.name) \(fault.subject)：\(fault.summaryZH)",
            "description": description,
            "runbook": runbookBase + fault.code.rawValue,
        ]
        if let bureau = bureaus[fault.owner] { annotations["owner_name"] = bureau.name }
        return annotations
    }

    /// The always-firing heartbeat: if it stops arriving, the kiosk (or its network) is dead.
    public func heartbeat(startedAt: Date, now: Date, interval: Duration) -> OutboundAlert {
        OutboundAlert(
            labels: [
                "alertname": Self.heartbeatName, "kiosk": kiosk.id, "site": kiosk.site, "device": KioskCheckID.heartbeat,
                "severity": "none", "owner": kiosk.owner,
            ],
            annotations: [
                "summary": "\(kiosk.id) is alive (always firing; alert when it stops)",
                "description": "kioskd on \(kiosk.name) sends this every \(Int(interval.seconds)) s; route it to a dead-man's switch.",
                "runbook": runbookBase + "heartbeat",
            ],
            startsAt: startedAt,
            endsAt: now.addingTimeInterval(4 * max(interval.seconds, 1)),
            generatorURL: generatorURL
        )
    }
}
