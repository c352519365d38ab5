import KioskEmulators
import Logging
import ServiceLifecycle

/// Keeps the emulators of `kioskd --simulate` running until graceful shutdown, then stops them (after the device
/// runtime, which comes later in the ServiceGroup and so is shut down first).
struct DeviceSimulationService: Service {
    let simulation: DeviceSimulation
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        await simulation.stop()
        logger.info("emulated devices stopped")
    }
}
