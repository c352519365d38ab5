import KioskCore
import KioskTransport
import Logging
import ServiceLifecycle

/// Feeds the registry from udev: one enumeration at start, then every hot-plug event; starts over
/// (monitor first, then a fresh enumeration) if the monitor fails or the kernel dropped events.
public struct DeviceDiscoveryService: Service {
    /// The subsystems whose devices kioskd binds.
    public static let subsystems = ["usb", "tty", "input"]

    let registry: DeviceRegistry
    let logger: Logger

    public init(registry: DeviceRegistry, logger: Logger) {
        self.registry = registry
        self.logger = logger
    }

    public func run() async throws {
        var retryDelay = Duration.milliseconds(500)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await discover() }
                return
            } catch is CancellationError {
                return
            } catch {
                logger.warning("device discovery failed; starting over", metadata: ["error": "\(error)", "retry_in": "\(retryDelay)"])
                let delay = retryDelay
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
                retryDelay = min(retryDelay * 2, .seconds(30))
            }
        }
    }

    /// Monitors first so that nothing between the enumeration and the first event is lost.
    func discover() async throws {
        let monitor = try UdevMonitor(subsystems: Self.subsystems, logger: logger)
        defer { monitor.stop() }
        let devices = try Udev().enumerate(subsystems: Self.subsystems)
        await registry.apply(snapshot: devices)
        logger.info("devices enumerated", metadata: ["count": "\(devices.count)"])
        for try await event in monitor.events {
            logger.debug("udev event", metadata: ["action": "\(event.action.rawValue)", "syspath": "\(event.device.syspath)"])
            await registry.handle(event)
        }
    }
}
