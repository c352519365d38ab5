import Hummingbird
import KioskCore
import KioskWorkflows

/// `/api/v1/sessions…`: start, read, feed and cancel the citizen's session (docs/sessions.md, Sessions).
struct SessionRoutes {
    let sessions: SessionManager?

    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.post("sessions") { request, context in
            let sessions = try running()
            let body = try await decodeBody(SessionStartRequest.self, request, context: context)
            do {
                let session = try await sessions.start(service: body.service, language: body.language ?? "zh-CN", elderly: body.elderly ?? false)
                return JSONDocument(value: session, status: .created)
            } catch let error as SessionError {
                throw error.httpError
            }
        }
        group.get("sessions/current") { _, _ in
            guard let session = try await running().current() else {
                throw HTTPError(.notFound, message: "no session is active")
            }
            return JSONDocument(value: session)
        }
        group.get("sessions/{id}") { _, context in
            let id = try context.parameters.require("id")
            do {
                return JSONDocument(value: try await running().session(id))
            } catch let error as SessionError {
                throw error.httpError
            }
        }
        group.delete("sessions/{id}") { _, context in
            let id = try context.parameters.require("id")
            do {
                try await running().cancel(id)
            } catch let error as SessionError {
                throw error.httpError
            }
            return Response(status: .noContent)
        }
        group.post("sessions/{id}/input") { request, context in
            let id = try context.parameters.require("id")
            let input = try await decodeBody(SessionInput.self, request, context: context)
            do {
                return JSONDocument(value: try await running().input(input, session: id))
            } catch let error as SessionError {
                throw error.httpError
            }
        }
    }

    private func running() throws -> SessionManager {
        guard let sessions else { throw SessionError.notRunning.httpError }
        return sessions
    }
}
