import Foundation
import KioskCore
import KioskDevices
import KioskStore
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

    public init(
        configuration: KioskConfiguration,
        store: KioskStore,
        devices: DeviceRegistry,
        registry: PrometheusCollectorRegistry,
        openAPIDocumentPath: String,
        startedAt: Date = Date(),
        simulated: Bool = false
    ) {
        self.configuration = configuration
        self.store = store
        self.devices = devices
        self.registry = registry
        self.openAPIDocumentPath = openAPIDocumentPath
        self.startedAt = startedAt
        self.simulated = simulated
    }
}
