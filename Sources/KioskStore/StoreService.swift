import Logging
import ServiceLifecycle

/// Keeps the store for the daemon's lifetime and checkpoints its write-ahead log on shutdown.
public struct StoreService: Service {
    let store: KioskStore
    let logger: Logger

    public init(store: KioskStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func run() async throws {
        try? await gracefulShutdown()
        do {
            try store.checkpoint()
        } catch {
            logger.warning("store checkpoint on shutdown failed", metadata: ["error": "\(error)"])
        }
    }
}
