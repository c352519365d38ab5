import Hummingbird
import KioskWorkflows

extension SessionError {
    /// The problem document's status and detail for this refusal.
    var httpError: HTTPError {
        switch self {
        case .busy: HTTPError(.conflict, message: description)
        case .unknownService, .unknownSession: HTTPError(.notFound, message: description)
        case .unavailable(_, let reason): HTTPError(.serviceUnavailable, message: reason.text("zh-CN"))
        case .input: HTTPError(.unprocessableContent, message: description)
        case .notRunning: HTTPError(.serviceUnavailable, message: description)
        }
    }
}

/// Decodes a JSON request body or answers `400` naming what is wrong.
func decodeBody<T: Decodable>(_ type: T.Type, _ request: Request, context: some RequestContext) async throws -> T {
    do {
        return try await request.decode(as: T.self, context: context)
    } catch {
        throw HTTPError(.badRequest, message: "the body is not the JSON this endpoint takes (docs/sessions.md): \(error)")
    }
}
