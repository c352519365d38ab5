import Foundation

/// What one health probe of one device (or of the kiosk itself) found.
public struct ProbeReport: Sendable, Equatable, Codable {
    /// Logical device id (`receipt-printer`), or `kiosk` for kiosk-level probes.
    public var deviceID: String
    /// The state the probe saw.
    public var state: DeviceState
    /// The fault found, nil when healthy. A warning (paper near end) may carry a code while `online`.
    public var fault: FaultCode?
    /// One line for maintainers, never personal data (e.g. "DLE EOT 4: paper near end").
    public var detail: String
    /// Extra facts for diagnostics (SAM id, queue length…), never personal data.
    public var facts: [String: String]
    /// When the probe finished.
    public var at: Date

    public init(deviceID: String, state: DeviceState, fault: FaultCode? = nil, detail: String, facts: [String: String] = [:], at: Date = Date()) {
        self.deviceID = deviceID
        self.state = state
        self.fault = fault
        self.detail = detail
        self.facts = facts
        self.at = at
    }

    /// True when the device can serve citizens (online, or busy serving one).
    public var isServing: Bool { state == .online || state == .busy }
}
