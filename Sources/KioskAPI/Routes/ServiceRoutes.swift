import Hummingbird
import KioskCore
import KioskWorkflows

/// `GET /api/v1/services` and `PUT /api/v1/services/{id}/availability` (docs/sessions.md, Services).
struct ServiceRoutes {
    let sessions: SessionManager?

    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.get("services") { _, _ in
            let catalogue = try running().catalogue
            let services = await catalogue.list()
            return JSONDocument(value: [
                "services": .array(services.map(\.json)),
                "problems": .array(catalogue.problems.map(\.json)),
            ])
        }
        group.put("services/{id}/availability") { request, context in
            let catalogue = try running().catalogue
            let id = try context.parameters.require("id")
            let body = try await decodeBody(AvailabilityRequest.self, request, context: context)
            let reason = body.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if !body.enabled, reason.isEmpty {
                throw HTTPError(.unprocessableContent, message: "disabling a service needs a reason for citizens (\"reason\": \"…\")")
            }
            do {
                try await catalogue.setEnabled(body.enabled, service: id, reason: reason, actor: context.actor(declared: body.actor))
            } catch let error as ServiceCatalogueError {
                if case .unknownService = error { throw HTTPError(.notFound, message: error.description) }
                throw HTTPError(.internalServerError, message: error.description)
            }
            guard let workflow = catalogue.workflow(id) else { throw HTTPError(.notFound) }
            return JSONDocument(value: await catalogue.summary(of: workflow).json)
        }
    }

    private func running() throws -> SessionManager {
        guard let sessions else { throw SessionError.notRunning.httpError }
        return sessions
    }
}
