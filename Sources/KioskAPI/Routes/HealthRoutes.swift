import Foundation
import Hummingbird
import KioskCore

/// `GET /api/v1/health`: whether the daemon serves and which kiosk this is.
struct HealthRoutes {
    let environment: APIEnvironment

    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.get("health") { _, _ in try await report() }
    }

    func report() async throws -> EditedResponse<HealthReport> {
        var components: [String: String] = [:]
        do {
            try await environment.store.ping()
            components["store"] = "ok"
        } catch {
            components["store"] = "\(error)"
        }
        let healthy = components.values.allSatisfy { $0 == "ok" }
        let configuration = environment.configuration
        let report = HealthReport(
            status: healthy ? "ok" : "degraded",
            kiosk: KioskSummary(configuration: configuration),
            components: components,
            devices: await environment.devices.statuses,
            startedAt: environment.startedAt,
            uptimeSeconds: Int(Date().timeIntervalSince(environment.startedAt)),
            version: KioskVersion.current,
            simulated: environment.simulated
        )
        return EditedResponse(status: healthy ? .ok : .serviceUnavailable, response: report)
    }
}
