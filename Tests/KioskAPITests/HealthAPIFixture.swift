import Foundation
import Hummingbird
import KioskCore
import KioskDevices
import KioskHealth
import KioskStore
import Logging
@testable import KioskAPI

/// The API fixture with the health layer wired as the daemon wires it: a real device runtime over the
/// demonstration kiosk's devices (not started, so its devices are absent), a fault monitor and a maintenance
/// controller over the fixture's store.
struct HealthAPIFixture {
    let base: APIFixture
    let environment: APIEnvironment
    let hub: DeviceHub
    let monitor: FaultMonitor
    let maintenance: MaintenanceController

    init() throws {
        base = try APIFixture()
        let configuration = base.environment.configuration
        let logger = Logger(label: "kioskd.test")
        hub = DeviceHub(
            devices: configuration.devices, profiles: ProfileCatalogue.load(directory: Self.repository + "/devices"),
            registry: base.environment.devices, factory: DeviceFactory(logger: logger), logger: logger)
        monitor = FaultMonitor(store: base.environment.store, routing: AlertRouting(configuration: configuration), dispatcher: nil, target: hub)
        maintenance = MaintenanceController(store: base.environment.store, kioskID: configuration.kiosk.id, alertmanagerURLs: [])
        var environment = base.environment
        environment.hub = hub
        environment.faultMonitor = monitor
        environment.maintenance = maintenance
        self.environment = environment
    }

    func application(access: MaintainerAccess = .local) -> some ApplicationProtocol {
        Application(router: KioskRouter.build(environment, access: access))
    }

    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
    }

    var store: KioskStore { environment.store }

    /// Probes `device` through the runtime and confirms its fault at once, as a hot-plug probe would.
    @discardableResult
    func raiseFault(on device: String) async -> FaultRecord? {
        let report = await hub.probe(device)
        await monitor.handle(report, policy: FaultPolicy(), immediate: true)
        return await monitor.openFault(of: device)
    }

    func cleanUp() { base.cleanUp() }
}
