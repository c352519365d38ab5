import Hummingbird

/// Builds the router for both listeners (TCP and Unix socket).
public enum KioskRouter {
    /// The router with every route and middleware of the API; `access` says who may use the maintenance routes
    /// on this listener (`.local` for the Unix socket, `.bearerToken(api.maintainers)` for TCP).
    public static func build(_ environment: APIEnvironment, access: MaintainerAccess) -> Router<KioskRequestContext> {
        let router = Router(context: KioskRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        let v1 = router.group("api/v1")
        HealthRoutes(environment: environment).addRoutes(to: v1)
        VersionRoutes().addRoutes(to: v1)
        DeviceRoutes(registry: environment.devices).addRoutes(to: v1)
        DeviceProbeRoutes(hub: environment.hub, registry: environment.devices).addRoutes(to: v1)
        // The citizen's visit, and the emulators that stand in for the devices: for the kiosk's own screen only.
        let screen = v1.group().add(middleware: KioskScreenMiddleware())
        SessionRoutes(sessions: environment.sessions).addRoutes(to: screen)
        EventRoutes(sessions: environment.sessions).addRoutes(to: screen)
        SimulationRoutes(simulation: environment.simulation).addRoutes(to: screen)
        // Maintenance: reading is open, changing needs a maintainer (MaintainerMiddleware).
        let maintenance = v1.group().add(middleware: MaintainerMiddleware(access: access))
        ServiceRoutes(sessions: environment.sessions).addRoutes(to: maintenance)
        FaultRoutes(store: environment.store).addRoutes(to: maintenance)
        if let controller = environment.maintenance {
            MaintenanceRoutes(controller: controller).addRoutes(to: maintenance)
        }
        if let hub = environment.hub {
            DiagnosticRoutes(target: hub, monitor: environment.faultMonitor, deviceIDs: hub.deviceIDs).addRoutes(to: maintenance)
        }
        OpenAPIRoutes(documentPath: environment.openAPIDocumentPath).addRoutes(to: v1)
        MetricsRoutes(registry: environment.registry).addRoutes(to: router.group())
        StaticUIRoutes(environment: environment).addRoutes(to: router)
        return router
    }
}
