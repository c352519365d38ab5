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
        OpenAPIRoutes(documentPath: environment.openAPIDocumentPath).addRoutes(to: v1)
        MetricsRoutes(registry: environment.registry).addRoutes(to: router.group())
        return router
    }
}
