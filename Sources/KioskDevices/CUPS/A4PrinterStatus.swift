import KioskCore

/// The A4 printer's state as CUPS reports it (IPP Get-Printer-Attributes), and what it means.
public struct A4PrinterStatus: Sendable, Equatable {
    /// IPP `printer-state`.
    public enum State: Int32, Sendable, Equatable {
        case idle = 3, processing = 4, stopped = 5
    }

    /// A fault the status shows, by severity (the first one found is reported).
    public enum Fault: String, Sendable, Equatable, CaseIterable {
        case mediaJam = "media-jam"
        case mediaEmpty = "media-empty"
        case coverOpen = "cover-open"
        case tonerEmpty = "toner-empty"
        case offline
        case queueStopped = "queue-stopped"
        case notAccepting = "not-accepting"
        case tonerLow = "toner-low"

        /// The common fault code.
        public var code: FaultCode {
            switch self {
            case .mediaJam: .a4MediaJam
            case .mediaEmpty: .a4MediaEmpty
            case .coverOpen: .a4CoverOpen
            case .tonerEmpty: .a4TonerEmpty
            case .offline: .a4Offline
            case .queueStopped: .a4QueueStopped
            case .notAccepting: .a4NotAccepting
            case .tonerLow: .a4TonerLow
            }
        }

        /// The device state the fault puts the printer in.
        public var deviceState: DeviceState {
            switch self {
            case .mediaJam, .mediaEmpty, .coverOpen, .tonerEmpty: .userError
            case .offline, .queueStopped, .notAccepting: .offline
            case .tonerLow: .online
            }
        }

        /// Whether a job sent now would wait or fail (toner low still prints).
        public var blocksPrinting: Bool { self != .tonerLow }

        /// What staff should do.
        public var action: String {
            switch self {
            case .mediaJam: "open the A4 printer and remove the jammed paper"
            case .mediaEmpty: "load A4 paper"
            case .coverOpen: "close the A4 printer's cover"
            case .tonerEmpty: "replace the toner cartridge"
            case .offline: "switch the A4 printer on and check its cable"
            case .queueStopped: "clear the printer's fault, then re-enable the queue (enable-queue)"
            case .notAccepting: "make the queue accept jobs again (enable-queue)"
            case .tonerLow: "have a toner cartridge ready"
            }
        }
    }

    public var state: State
    /// `printer-state-reasons` as sent (`media-empty-error`, `toner-low-report`, `none`…).
    public var reasons: [String]
    public var message: String
    public var acceptingJobs: Bool
    public var queuedJobs: Int

    public init(state: State, reasons: [String] = ["none"], message: String = "", acceptingJobs: Bool = true, queuedJobs: Int = 0) {
        self.state = state
        self.reasons = reasons
        self.message = message
        self.acceptingJobs = acceptingJobs
        self.queuedJobs = queuedJobs
    }

    /// Reasons without their `-error`, `-warning` or `-report` suffix.
    public var reasonKeywords: Set<String> {
        Set(reasons.map { reason in
            for suffix in ["-error", "-warning", "-report"] where reason.hasSuffix(suffix) {
                return String(reason.dropLast(suffix.count))
            }
            return reason
        })
    }

    /// Every fault the status shows, most severe first.
    public var faults: [Fault] {
        let keywords = reasonKeywords
        var found: [Fault] = []
        if keywords.contains("media-jam") || keywords.contains("input-tray-missing") { found.append(.mediaJam) }
        if keywords.contains("media-empty") || keywords.contains("media-needed") { found.append(.mediaEmpty) }
        if keywords.contains("cover-open") || keywords.contains("door-open") || keywords.contains("interlock-open") { found.append(.coverOpen) }
        if keywords.contains("toner-empty") || keywords.contains("marker-supply-empty") { found.append(.tonerEmpty) }
        if keywords.contains("offline") || keywords.contains("shutdown") || messageSaysOffline { found.append(.offline) }
        if state == .stopped { found.append(.queueStopped) }
        if !acceptingJobs { found.append(.notAccepting) }
        if keywords.contains("toner-low") || keywords.contains("marker-supply-low") { found.append(.tonerLow) }
        return found
    }

    /// A printer whose device is gone may stay "processing" with reasons "none": only the message says so.
    var messageSaysOffline: Bool {
        let lowered = message.lowercased()
        return ["offline", "not connected", "unable to connect", "waiting for printer to become available", "unplugged", "not responding"]
            .contains { lowered.contains($0) }
    }

    /// The report for this status.
    public func report(deviceID: String, queue: String) -> ProbeReport {
        var facts = [
            "queue": queue, "printer-state": "\(state)", "accepting": acceptingJobs ? "yes" : "no",
            "queued-jobs": "\(queuedJobs)", "reasons": reasons.joined(separator: ","),
        ]
        if !message.isEmpty { facts["message"] = message }
        guard let fault = faults.first else {
            return ProbeReport(deviceID: deviceID, state: state == .processing ? .busy : .online, detail: state == .processing ? "printing" : "ready", facts: facts)
        }
        let detail = "\(fault.rawValue)\(message.isEmpty ? "" : " (\(message))") — \(fault.action)"
        return ProbeReport(deviceID: deviceID, state: fault.deviceState, fault: fault.code, detail: detail, facts: facts)
    }
}
