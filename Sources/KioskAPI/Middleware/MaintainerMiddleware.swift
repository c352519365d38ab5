import Foundation
import Hummingbird
import KioskCore

/// Guards the maintenance routes: reading (GET, HEAD) is open on the listener; a request that changes something
/// needs a maintainer (always on the Unix socket; over TCP, a configured maintainer's bearer token).
struct MaintainerMiddleware: RouterMiddleware {
    typealias Context = KioskRequestContext

    let access: MaintainerAccess

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, case .bearerToken(let maintainers) = access else {
            return try await next(request, context)
        }
        guard !maintainers.isEmpty else {
            throw HTTPError(.forbidden, message: "maintenance over TCP is not configured: add api.maintainers to the configuration (docs/configuration.md), or use kioskctl on the kiosk, which connects through the Unix socket")
        }
        guard let token = Self.bearerToken(request.headers[.authorization]) else {
            throw Self.unauthorized("\(request.method) \(request.uri.path) changes the kiosk: send a maintainer's token as `Authorization: Bearer TOKEN` (kioskctl --token-file)")
        }
        guard let maintainer = MaintainerAccess.maintainer(presenting: token, among: maintainers) else {
            context.logger.warning("maintenance request with an unknown token refused", metadata: ["path": "\(request.uri.path)"])
            throw Self.unauthorized("the bearer token is not one of api.maintainers; check the token, or its SHA-256 in the configuration")
        }
        var context = context
        context.maintainer = maintainer.name
        return try await next(request, context)
    }

    /// The token of an `Authorization: Bearer TOKEN` header (the scheme is case-insensitive, RFC 9110 §11.1).
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : String(token)
    }

    static func unauthorized(_ message: String) -> HTTPError {
        HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"kioskd\""], message: message)
    }
}
