import KioskCore
import Metrics

/// The health layer's Prometheus metrics through swift-metrics: device state, faults, outbox.
public struct HealthMetrics: Sendable {
    public init() {}

    /// `kiosk_device_up{device}` 1 when serving; `kiosk_device_state{device,state}` 1 for the current state.
    public func deviceState(_ device: String, _ state: DeviceState) {
        Gauge(label: "kiosk_device_up", dimensions: [("device", device)]).record(state == .online || state == .busy ? 1 : 0)
        for candidate in DeviceState.allCases {
            Gauge(label: "kiosk_device_state", dimensions: [("device", device), ("state", candidate.rawValue)]).record(candidate == state ? 1 : 0)
        }
    }

    /// `kiosk_faults_total{code,severity}` counts raised faults.
    public func faultRaised(_ code: FaultCode, severity: FaultSeverity) {
        Counter(label: "kiosk_faults_total", dimensions: [("code", code.rawValue), ("severity", severity.rawValue)]).increment()
    }

    /// `kiosk_faults_recovered_total{code}` counts faults the recovery ladder fixed.
    public func faultRecovered(_ code: FaultCode) {
        Counter(label: "kiosk_faults_recovered_total", dimensions: [("code", code.rawValue)]).increment()
    }

    /// `kiosk_open_faults{severity}`.
    public func openFaults(_ counts: [FaultSeverity: Int]) {
        for severity in FaultSeverity.allCases {
            Gauge(label: "kiosk_open_faults", dimensions: [("severity", severity.rawValue)]).record(counts[severity] ?? 0)
        }
    }

    /// `kiosk_paper_receipts_left{device}` and `kiosk_paper_level{device}` (fraction of the roll left, 0–1).
    public func paper(_ device: String, receiptsLeft: Int, level: Double) {
        Gauge(label: "kiosk_paper_receipts_left", dimensions: [("device", device)]).record(receiptsLeft)
        Gauge(label: "kiosk_paper_level", dimensions: [("device", device)]).record(level)
    }

    /// `kiosk_alert_outbox_depth`: alerts stored and not yet delivered.
    public func outboxDepth(_ depth: Int) {
        Gauge(label: "kiosk_alert_outbox_depth").record(depth)
    }

    /// `kiosk_alert_deliveries_total{sink,result="delivered"}`.
    func delivered(sink: any AlertSink, count: Int) {
        Counter(label: "kiosk_alert_deliveries_total", dimensions: [("sink", Self.kind(sink)), ("result", "delivered")]).increment(by: count)
    }

    /// `kiosk_alert_deliveries_total{sink,result="failed"}`.
    func failed(sink: any AlertSink, count: Int) {
        Counter(label: "kiosk_alert_deliveries_total", dimensions: [("sink", Self.kind(sink)), ("result", "failed")]).increment(by: count)
    }

    static func kind(_ sink: any AlertSink) -> String {
        String(sink.name.split(separator: " ").first ?? "sink")
    }
}
