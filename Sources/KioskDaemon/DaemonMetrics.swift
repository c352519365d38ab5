import Foundation
import KioskCore
import Prometheus

/// Metrics that describe the daemon itself: identity, start time, configured devices.
enum DaemonMetrics {
    static func register(in registry: PrometheusCollectorRegistry, configuration: KioskConfiguration) {
        let kiosk = configuration.kiosk
        registry.makeGauge(
            descriptor: .init(namespace: "kioskd", metricName: "build", unitName: "info", helpText: "Identity of this kiosk and the kioskd version; always 1."),
            labels: [("kiosk", kiosk.id), ("site", kiosk.site), ("owner", kiosk.owner), ("version", KioskVersion.current)]
        ).set(Double(1))
        registry.makeGauge(
            descriptor: .init(namespace: "kioskd", metricName: "start_time", unitName: "seconds", helpText: "When kioskd started, in seconds since the Unix epoch.")
        ).set(Date().timeIntervalSince1970)
        registry.makeGauge(
            descriptor: .init(namespace: "kioskd", metricName: "configured", unitName: "devices", helpText: "Number of devices in the configuration.")
        ).set(Double(configuration.devices.count))
    }
}
