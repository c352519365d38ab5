import Logging
import ServiceLifecycle

/// Pings systemd's watchdog at half its interval, but only while every liveness check passes,
/// so that a hung store or work loop stops the pings and systemd restarts the daemon.
public struct WatchdogService: Service {
    /// A check that throws or hangs when a part of the daemon is stuck.
    public typealias Check = @Sendable () async throws -> Void

    let notifier: SystemdNotifier
    let interval: Duration
    let checks: [(name: String, check: Check)]
    let logger: Logger

    /// A watchdog pinging every `interval` (half of systemd's), after running `checks`.
    public init(notifier: SystemdNotifier, interval: Duration, checks: [(name: String, check: Check)], logger: Logger) {
        self.notifier = notifier
        self.interval = interval
        self.checks = checks
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            var healthy = true
            for (name, check) in checks {
                do {
                    try await check()
                } catch {
                    healthy = false
                    logger.error("liveness check failed; watchdog not pinged", metadata: ["check": "\(name)", "error": "\(error)"])
                }
            }
            if healthy { notifier.watchdog() }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
