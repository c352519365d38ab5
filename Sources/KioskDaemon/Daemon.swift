import Foundation
import Hummingbird
import KioskAPI
import KioskCore
import KioskDevices
import KioskStore
import KioskTransport
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// The running daemon: one ServiceGroup of the store, the API listeners and the watchdog.
struct Daemon {
    let configuration: KioskConfiguration
    let profiles: ProfileCatalogue
    let share: ShareDirectory
    let simulated: Bool
    let logLevel: Logger.Level

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        var logger = Logger(label: "kioskd")
        logger[metadataKey: "kiosk"] = "\(configuration.kiosk.id)"
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let notifier = SystemdNotifier()
        notifier.status("starting")

        let store: KioskStore
        do {
            store = try KioskStore(directory: configuration.storage.directory)
        } catch {
            logger.critical("cannot open the store", metadata: ["error": "\(error)"])
            FileHandle.standardError.write(Data("kioskd: \(error)\n".utf8))
            throw ExitStatus.cannotCreate
        }
        try await store.record(KioskEvent(
            kind: "daemon.started",
            message: "kioskd \(KioskVersion.current) started\(simulated ? " in simulation" : "")"
        ))
        DaemonMetrics.register(in: registry, configuration: configuration)
        for problem in profiles.problems {
            logger.warning("device profile skipped", metadata: ["problem": "\(problem)"])
        }
        let devices = DeviceRegistry(devices: configuration.devices, profiles: profiles, defaultOwner: configuration.kiosk.owner)

        let environment = APIEnvironment(
            configuration: configuration,
            store: store,
            devices: devices,
            registry: registry,
            openAPIDocumentPath: share.openAPIDocument,
            simulated: simulated
        )
        let socketPath = configuration.api.socketPath
        do {
            try FileManager.default.createDirectory(
                atPath: (socketPath as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
        } catch {
            logger.critical("cannot create the socket's folder", metadata: ["path": "\(socketPath)", "error": "\(error)"])
            throw ExitStatus.cannotCreate
        }

        let readiness = ReadinessTracker(expected: 2, notifier: notifier) { [logger] status in
            logger.info("kioskd ready", metadata: ["status": "\(status)"])
        }
        let listen = configuration.api.listen
        let tcp = Application(
            router: KioskRouter.build(environment),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "kioskd"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                await readiness.serving("http://\(ListenAddress(host: listen.host, port: port))")
            },
            logger: logger
        )
        let unix = Application(
            router: KioskRouter.build(environment),
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "kioskd"),
            onServerRunning: { _ in
                chmod(socketPath, 0o660)
                await readiness.serving("unix:\(socketPath)")
            },
            logger: logger
        )

        var services: [any Service] = [
            StoreService(store: store, logger: logger),
            DeviceDiscoveryService(registry: devices, logger: logger),
            tcp,
            unix,
        ]
        if let interval = notifier.watchdogInterval {
            logger.info("systemd watchdog enabled", metadata: ["interval": "\(interval)"])
            services.append(WatchdogService(
                notifier: notifier,
                interval: interval / 2,
                checks: [("store", { try await store.ping() })],
                logger: logger
            ))
        }
        services.append(DaemonLifecycleService(store: store, notifier: notifier, logger: logger))

        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch {
            logger.critical("kioskd stopped on an error", metadata: ["error": "\(error)"])
            unlink(socketPath)
            FileHandle.standardError.write(Data("kioskd: \(error)\n".utf8))
            throw ExitStatus.operatingSystem
        }
        unlink(socketPath)
        logger.info("kioskd stopped")
    }
}
