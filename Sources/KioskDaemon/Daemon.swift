import Foundation
import Hummingbird
import KioskAPI
import KioskCore
import KioskDevices
import KioskHealth
import KioskEmulators
import KioskStore
import KioskTransport
import KioskWorkflows
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
        var metricsFactory = PrometheusMetricsFactory(registry: registry)
        metricsFactory.durationHistogramBuckets[SessionMetrics.durationLabel] = SessionMetrics.durationBuckets
        MetricsSystem.bootstrap(metricsFactory)
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
        let auditSecret: AuditSecret
        do {
            auditSecret = try AuditSecret.loadOrCreate(directory: configuration.storage.directory)
        } catch {
            logger.critical("cannot use the audit secret", metadata: ["error": "\(error)"])
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
        var simulation: DeviceSimulation?
        if simulated {
            do {
                simulation = try await DeviceSimulation.start(
                    devices: configuration.devices, profiles: profiles,
                    folder: configuration.storage.directory + "/devices", logger: logger)
            } catch {
                logger.critical("cannot start the emulated devices", metadata: ["error": "\(error)"])
                FileHandle.standardError.write(Data("kioskd: \(error)\n".utf8))
                throw ExitStatus.cannotCreate
            }
        }
        let hub = DeviceHub(
            devices: configuration.devices, profiles: profiles, registry: devices,
            factory: DeviceFactory(counters: store, logger: logger),
            emulatedEndpoints: simulation?.endpoints ?? [:], logger: logger)

        var departmentConfigurations = configuration.departments
        var sandbox: SandboxServer?
        if simulated {
            let server = SandboxServer(logger: logger)
            do {
                let port = try await server.start()
                departmentConfigurations = SandboxServer.configurations(port: port)
                logger.info("sandbox department backends serving", metadata: ["port": "\(port)"])
            } catch {
                logger.critical("cannot start the sandbox department backends", metadata: ["error": "\(error)"])
                throw ExitStatus.cannotCreate
            }
            sandbox = server
        }
        let departments = DepartmentClient(departments: departmentConfigurations, kioskID: configuration.kiosk.id, logger: logger)
        let events = EventBroadcaster()
        let workflowDevices = HubWorkflowDevices(hub: hub, registry: devices)
        let workflowSet = WorkflowLoader().load(configuration.workflows)
        let catalogue = ServiceCatalogue(set: workflowSet, devices: workflowDevices, store: store, events: events, logger: logger)
        for problem in catalogue.problems {
            logger.warning("service disabled by its workflow file", metadata: ["problem": "\(problem)"])
        }
        let sessions = SessionManager(
            catalogue: catalogue, events: events, devices: workflowDevices, departments: departments,
            store: store, settings: SessionSettings(kioskID: configuration.kiosk.id), auditSecret: auditSecret, logger: logger
        )

        var alerting = configuration.alerting
        if simulated, let url = ProcessInfo.processInfo.environment["KIOSKD_SIMULATION_ALERTMANAGER_URL"], !url.isEmpty {
            alerting.alertmanagerURLs = [url]  // the demonstration kiosk alerts a local Alertmanager (kiosk-bench, demos)
        }
        let dispatcher = AlertDispatcher(
            store: store, sinks: AlertDispatcher.sinks(for: alerting),
            builder: AlertBuilder(kiosk: configuration.kiosk, bureaus: configuration.bureaus),
            resendInterval: alerting.resendInterval, heartbeatInterval: alerting.heartbeatInterval,
            logger: logger)
        let monitor = FaultMonitor(
            store: store, routing: AlertRouting(configuration: configuration), dispatcher: dispatcher, target: hub, logger: logger)
        var subjects = ProbeSubject.devices(configuration.devices, profiles: profiles, target: hub)
        subjects += [KioskProbes.disk(directory: configuration.storage.directory), KioskProbes.clock()]
        if !simulated {
            // The touch UI keeps the events WebSocket open; none connected means the kiosk browser is gone.
            subjects.append(KioskProbes.browser {
                await events.count > 0 ? nil : "no touch UI is connected to /api/v1/events (is kiosk-browser.service running?)"
            })
        }
        subjects += departmentConfigurations.keys.sorted { $0.rawValue < $1.rawValue }.map { department in
            KioskProbes.backend(department) { department in
                await departments.isReachable(department) ? nil : "GET /health did not answer"
            }
        }
        let paper = PaperForecaster(
            store: store, printers: PaperPrinter.printers(configuration.devices, profiles: profiles, logger: logger), monitor: monitor, logger: logger)
        subjects += paper.subjects()
        let scheduler = ProbeScheduler(
            subjects: subjects, monitor: monitor, hotplug: ProbeScheduler.hotplugIDs(from: await devices.events()),
            onReport: { report in await paper.observe(report) }, logger: logger)
        await paper.onRollChange { subject in scheduler.probeSoon(subject) }
        let maintenance = MaintenanceController(
            store: store, kioskID: configuration.kiosk.id, alertmanagerURLs: alerting.alertmanagerURLs, logger: logger)

        var environment = APIEnvironment(
            configuration: configuration,
            store: store,
            devices: devices,
            registry: registry,
            openAPIDocumentPath: share.openAPIDocument,
            simulated: simulated
        )
        environment.hub = hub
        environment.simulation = simulation.map { ProbingSimulationControl(simulation: $0, scheduler: scheduler) }
        environment.sessions = sessions
        environment.maintenance = maintenance
        environment.faultMonitor = monitor
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
            router: KioskRouter.build(environment, access: .bearerToken(configuration.api.maintainers)),
            server: EventRoutes.server(sessions: sessions),
            configuration: .init(address: .hostname(listen.host, port: listen.port), serverName: "kioskd"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? listen.port
                await readiness.serving("http://\(ListenAddress(host: listen.host, port: port))")
            },
            logger: logger
        )
        let unix = Application(
            router: KioskRouter.build(environment, access: .local),
            server: EventRoutes.server(sessions: sessions),
            configuration: .init(address: .unixDomainSocket(path: socketPath), serverName: "kioskd"),
            onServerRunning: { _ in
                chmod(socketPath, 0o660)
                await readiness.serving("unix:\(socketPath)")
            },
            logger: logger
        )

        // Shut down in reverse: the listeners, then the device runtime (closing ports), then the emulators.
        var services: [any Service] = [StoreService(store: store, logger: logger)]
        if let simulation {
            services.append(DeviceSimulationService(simulation: simulation, logger: logger))
        }
        services += [
            DeviceDiscoveryService(registry: devices, logger: logger),
            hub,
            dispatcher,
            scheduler,
            WorkflowService(sessions: sessions, departments: departments, registry: devices, sandbox: sandbox, logger: logger),
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
