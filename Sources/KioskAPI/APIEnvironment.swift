import Foundation
import KioskCore
import KioskDevices
import KioskHealth
import KioskStore
import KioskWorkflows
import Prometheus

/// What the API's handlers need from the rest of the daemon.
public struct APIEnvironment: Sendable {
    /// The validated configuration.
    public var configuration: KioskConfiguration
    /// The database.
    public var store: KioskStore
    /// The devices and their states.
    public var devices: DeviceRegistry
    /// The registry `/metrics` renders (the one swift-metrics was bootstrapped with).
    public var registry: PrometheusCollectorRegistry
    /// Path of the OpenAPI document served at `/api/v1/openapi.yaml`.
    public var openAPIDocumentPath: String
    /// When the daemon started.
    public var startedAt: Date
    /// True when running `--simulate`.
    public var simulated: Bool
    /// The device runtime (probes, recovery, drivers); nil where the daemon runs none (router tests).
    public var hub: DeviceHub?
    /// The emulated devices' controls under `--simulate`; nil otherwise (the simulation routes then answer 404).
    public var simulation: (any SimulationControl)?
    /// Sessions, services and events (the workflow layer); nil where the daemon runs none (the routes then answer 503).
    public var sessions: SessionManager?
    /// Maintenance windows (Alertmanager silences); nil where the daemon runs none (the routes are then absent).
    public var maintenance: MaintenanceController?
    /// Open faults and recovery; nil where the daemon runs none.
    public var faultMonitor: FaultMonitor?
    /// Folder of the touch UI served at `/`; nil: `ui/` found next to the OpenAPI document's folder.
    public var uiDirectory: String?

    public init(
        configuration: KioskConfiguration,
        store: KioskStore,
        devices: DeviceRegistry,
        registry: PrometheusCollectorRegistry,
        openAPIDocumentPath: String,
        startedAt: Date = Date(),
        simulated: Bool = false,
        uiDirectory: String? = nil
    ) {
        self.configuration = configuration
        self.store = store
        self.devices = devices
        self.registry = registry
        self.openAPIDocumentPath = openAPIDocumentPath
        self.startedAt = startedAt
        self.simulated = simulated
        self.uiDirectory = uiDirectory
    }
}
