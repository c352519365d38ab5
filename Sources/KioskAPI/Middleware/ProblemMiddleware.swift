import KioskCore
import Foundation
import Hummingbird
import Logging

/// Turns every error thrown below it into an RFC 9457 problem document (`application/problem+json`).
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return Self.response(status: error.status, detail: error.detail, path: request.uri.path)
        } catch let error as HTTPError {
            var response = Self.response(status: error.status, detail: error.body, path: request.uri.path)
            for field in error.headers where field.name != .contentType && field.name != .contentLength {
                response.headers.append(field)
            }
            return response
        } catch let error as any HTTPResponseError {
            return Self.response(status: error.status, detail: nil, path: request.uri.path)
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return Self.response(status: .internalServerError, detail: "kioskd could not answer; the error is in its log", path: request.uri.path)
        }
    }

    /// A problem-document response.
    static func response(status: HTTPResponse.Status, detail: String?, path: String) -> Response {
        let problem = ProblemDocument(title: status.reasonPhrase, status: status.code, detail: detail, instance: path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(problem)) ?? Data("{\"title\":\"\(status.reasonPhrase)\",\"status\":\(status.code)}".utf8)
        return Response(
            status: status,
            headers: [.contentType: ProblemDocument.mediaType],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
