import Foundation
import Hummingbird
import KioskCore
import KioskStore

/// `GET /api/v1/faults` (open and history), `GET /api/v1/faults/{id}`, `POST /api/v1/faults/{id}/ack`.
public struct FaultRoutes: Sendable {
    let store: KioskStore

    public init(store: KioskStore) {
        self.store = store
    }

    public func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        group.get("faults") { request, _ in
            let limit = min(max(request.uri.queryParameters.get("limit", as: Int.self) ?? 50, 1), 1000)
            return FaultList(open: try await store.openFaults(), history: try await store.closedFaults(limit: limit))
        }
        group.get("faults/{id}") { _, context in
            let id = try Self.faultID(context)
            guard let fault = try await store.fault(id: id) else { throw Self.notFound(id) }
            return FaultDetail(fault: fault, history: try await store.faultHistory(id: id))
        }
        group.post("faults/{id}/ack") { request, context in
            let id = try Self.faultID(context)
            let body = (try? await request.decode(as: FaultAcknowledgement.self, context: context)) ?? FaultAcknowledgement()
            let actor = context.actor(declared: body.by)
            guard let fault = try await store.acknowledgeFault(id: id, by: actor, at: Date()) else { throw Self.notFound(id) }
            return fault
        }
    }

    static func faultID(_ context: KioskRequestContext) throws -> Int64 {
        let text = try context.parameters.require("id")
        guard let id = Int64(text) else {
            throw HTTPError(.badRequest, message: "fault id \"\(text)\" is not a number; GET /api/v1/faults lists them")
        }
        return id
    }

    static func notFound(_ id: Int64) -> HTTPError {
        HTTPError(.notFound, message: "no fault \(id); GET /api/v1/faults lists them")
    }
}
