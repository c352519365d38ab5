import Logging
import KioskStore
import KioskTransport
import ServiceLifecycle

/// The last service in the group, so the first to hear of shutdown: says STOPPING=1 and records it.
struct DaemonLifecycleService: Service {
    let store: KioskStore
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        notifier.stopping(status: "stopping")
        logger.info("kioskd stopping")
        do {
            try await store.record(KioskEvent(kind: "daemon.stopping", message: "kioskd is stopping"))
        } catch {
            logger.warning("could not record the stop", metadata: ["error": "\(error)"])
        }
    }
}
