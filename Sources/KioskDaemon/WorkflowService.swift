import KioskCore
import KioskDevices
import KioskEmulators
import KioskWorkflows
import Logging
import ServiceLifecycle

/// Runs the workflow layer for the daemon: forwards device changes and card events to the events WebSocket and, on
/// graceful shutdown, ends the active session (wiping it), closes the department connections and
/// stops the sandbox backends of `--simulate`.
struct WorkflowService: Service {
    let sessions: SessionManager
    let departments: DepartmentClient
    let registry: DeviceRegistry
    let sandbox: SandboxServer?
    let logger: Logger

    func run() async throws {
        let events = sessions.events
        let forwarding = Task {
            for await change in await registry.events() {
                if let status = await registry.status(of: change.deviceID) {
                    await events.publish(.device(status))
                }
                await events.publish(.services)
            }
        }
        let cards = Task { await sessions.watchCards() }
        try? await gracefulShutdown()
        forwarding.cancel()
        cards.cancel()
        await sessions.shutdown()
        await departments.shutdown()
        if let sandbox {
            await sandbox.stop()
            logger.info("sandbox department backends stopped")
        }
    }
}
