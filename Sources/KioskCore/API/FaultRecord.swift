import Foundation

/// One fault as the store keeps it and `GET /api/v1/faults` and `kioskctl faults` show it; never personal data.
public struct FaultRecord: Codable, Sendable, Equatable {
    /// Row id, assigned when stored.
    public var id: Int64?
    /// The device id (`receipt-printer`) or kiosk-level check (`kiosk.disk`, `kiosk.backend.nr`).
    public var subject: String
    public var code: FaultCode
    public var severity: FaultSeverity
    /// Who must act.
    public var action: FaultAction
    /// The bureau that owns it (the `owner` alert label).
    public var owner: String
    /// English line with the remedy ("receipt paper out — replace the 80 mm roll").
    public var summary: String
    /// Chinese line with the remedy.
    public var summaryZH: String
    /// What the probe said when the fault was raised.
    public var detail: String
    public var status: FaultStatus
    /// When it was confirmed; also the alert's `startsAt`, so a resent alert is the same incident.
    public var startedAt: Date
    public var resolvedAt: Date?
    /// True once an alert was queued for it (false when recovery fixed it first).
    public var alerted: Bool
    /// True when it was raised because the subject flapped.
    public var flapping: Bool
    /// What the recovery ladder tried, in order.
    public var recovery: [RecoveryAttempt]
    public var acknowledgedAt: Date?
    /// Maintainer who acknowledged it (a staff name, as given).
    public var acknowledgedBy: String?

    public init(
        id: Int64? = nil, subject: String, code: FaultCode, severity: FaultSeverity, action: FaultAction, owner: String,
        summary: String, summaryZH: String, detail: String, status: FaultStatus = .open, startedAt: Date,
        resolvedAt: Date? = nil, alerted: Bool = false, flapping: Bool = false, recovery: [RecoveryAttempt] = [],
        acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil
    ) {
        self.id = id
        self.subject = subject
        self.code = code
        self.severity = severity
        self.action = action
        self.owner = owner
        self.summary = summary
        self.summaryZH = summaryZH
        self.detail = detail
        self.status = status
        self.startedAt = startedAt
        self.resolvedAt = resolvedAt
        self.alerted = alerted
        self.flapping = flapping
        self.recovery = recovery
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
    }
}

/// One step in a fault's history: raised, a recovery attempt, alerted, resolved, acknowledged.
public struct FaultHistoryEntry: Codable, Sendable, Equatable {
    public var id: Int64?
    public var faultID: Int64
    public var time: Date
    /// `raised`, `recovery`, `alerted`, `recovered`, `resolved`, `acknowledged`.
    public var kind: String
    public var detail: String

    public init(id: Int64? = nil, faultID: Int64, time: Date, kind: String, detail: String) {
        self.id = id
        self.faultID = faultID
        self.time = time
        self.kind = kind
        self.detail = detail
    }
}

/// Body of `GET /api/v1/faults`: the open faults and the most recent closed ones.
public struct FaultList: Codable, Sendable, Equatable {
    public var open: [FaultRecord]
    public var history: [FaultRecord]

    public init(open: [FaultRecord], history: [FaultRecord]) {
        self.open = open
        self.history = history
    }
}

/// Body of `GET /api/v1/faults/{id}`: the fault with its history.
public struct FaultDetail: Codable, Sendable, Equatable {
    public var fault: FaultRecord
    public var history: [FaultHistoryEntry]

    public init(fault: FaultRecord, history: [FaultHistoryEntry]) {
        self.fault = fault
        self.history = history
    }
}

/// Body of `POST /api/v1/faults/{id}/ack` (optional).
public struct FaultAcknowledgement: Codable, Sendable, Equatable {
    /// Who acknowledges (a staff name); `api` when absent.
    public var by: String?

    public init(by: String? = nil) { self.by = by }
}

/// Body of `POST /api/v1/devices/{id}/diagnostics`: a fresh probe, the recovery steps, the open fault.
public struct DiagnosticReport: Codable, Sendable, Equatable {
    public var report: ProbeReport
    /// The recovery steps the runtime would try, in order.
    public var recoverySteps: [RecoveryStep]
    /// The device's open fault, if any.
    public var openFault: FaultRecord?

    public init(report: ProbeReport, recoverySteps: [RecoveryStep], openFault: FaultRecord?) {
        self.report = report
        self.recoverySteps = recoverySteps
        self.openFault = openFault
    }
}
