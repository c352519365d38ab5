import Foundation
import Hummingbird
import KioskCore
import KioskHealth

/// `GET|POST|DELETE /api/v1/maintenance`: the running window; start one (silencing the kiosk at Alertmanager); stop it.
public struct MaintenanceRoutes: Sendable {
    let controller: MaintenanceController

    public init(controller: MaintenanceController) {
        self.controller = controller
    }

    public func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.get("maintenance") { _, _ in
            try await Self.mapped { () async throws(MaintenanceError) in try await controller.current() }
        }
        group.post("maintenance") { request, context in
            let body: MaintenanceRequest
            do {
                body = try await request.decode(as: MaintenanceRequest.self, context: context)
            } catch {
                throw HTTPError(.badRequest, message: "the body must be {\"reason\": \"…\", \"durationSeconds\": 1800, \"actor\": \"…\"}")
            }
            let window = try await Self.mapped { () async throws(MaintenanceError) in
                try await controller.start(reason: body.reason, duration: .seconds(body.durationSeconds), actor: context.actor(declared: body.actor))
            }
            return EditedResponse(status: .created, response: window)
        }
        group.delete("maintenance") { request, context in
            let actor = context.actor(declared: request.uri.queryParameters.get("actor"))
            return try await Self.mapped { () async throws(MaintenanceError) in try await controller.stop(actor: actor) }
        }
    }

    static func mapped<T>(_ body: () async throws(MaintenanceError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            switch error {
            case .notActive: throw HTTPError(.conflict, message: error.description)
            case .invalidDuration, .missingReason: throw HTTPError(.badRequest, message: error.description)
            case .store: throw APIError.unavailable(component: "store", reason: error.description)
            }
        }
    }
}
