import Hummingbird

/// Builds the router for both listeners (TCP and Unix socket).
public enum KioskRouter {
    /// The router with every route and middleware of the API.
    public static func build(_ environment: APIEnvironment) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        let v1 = router.group("api/v1")
        HealthRoutes(environment: environment).addRoutes(to: v1)
        VersionRoutes().addRoutes(to: v1)
        DeviceRoutes(registry: environment.devices).addRoutes(to: v1)
        DeviceProbeRoutes(hub: environment.hub, registry: environment.devices).addRoutes(to: v1)
        SimulationRoutes(simulation: environment.simulation).addRoutes(to: v1)
        ServiceRoutes(sessions: environment.sessions).addRoutes(to: v1)
        SessionRoutes(sessions: environment.sessions).addRoutes(to: v1)
        EventRoutes(sessions: environment.sessions).addRoutes(to: v1)
        FaultRoutes(store: environment.store).addRoutes(to: v1)
        if let maintenance = environment.maintenance {
            MaintenanceRoutes(controller: maintenance).addRoutes(to: v1)
        }
        if let hub = environment.hub {
            DiagnosticRoutes(target: hub, monitor: environment.faultMonitor, deviceIDs: hub.deviceIDs).addRoutes(to: v1)
        }
        OpenAPIRoutes(documentPath: environment.openAPIDocumentPath).addRoutes(to: v1)
        MetricsRoutes(registry: environment.registry).addRoutes(to: router.group())
        StaticUIRoutes(environment: environment).addRoutes(to: router)
        return router
    }
}
