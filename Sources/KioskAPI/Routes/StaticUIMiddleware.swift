import Foundation
import Hummingbird

/// HTTPTypes' field name (HTTPField itself is not re-exported by Hummingbird).
private typealias FieldName = HTTPFields.Element.Name

/// Answers GET/HEAD requests that no API route matched with a file of the touch UI.
struct StaticUIMiddleware<Context: RequestContext>: RouterMiddleware {
    let files: StaticUIFiles

    /// Everything the page may load comes from kioskd itself: no external origin, no inline script.
    static var contentSecurityPolicy: String {
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard request.method == .get || request.method == .head, !Self.isAPI(path) else {
            return try await next(request, context)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            guard let file = files.file(for: path) ?? (Self.looksLikeAPage(path) ? files.index : nil) else {
                if files.directory == nil || files.index == nil {
                    throw APIError.documentMissing(path: files.directory ?? "ui/")
                }
                throw error
            }
            return Self.response(file, request: request)
        }
    }

    static func isAPI(_ path: String) -> Bool {
        path == "/api" || path.hasPrefix("/api/") || path == "/metrics"
    }

    /// A path whose last segment has no extension: an address inside the single-page app.
    static func looksLikeAPage(_ path: String) -> Bool {
        !(path.split(separator: "/").last ?? "").contains(".")
    }

    static func response(_ file: StaticUIFiles.File, request: Request) -> Response {
        var headers: HTTPFields = [
            .contentType: file.contentType,
            .eTag: file.etag,
            // No hashed file names (no build step): always revalidate, answered by 304 when unchanged.
            .cacheControl: "no-cache",
            .contentSecurityPolicy: contentSecurityPolicy,
            .xContentTypeOptions: "nosniff",
        ]
        headers[FieldName("Referrer-Policy")!] = "no-referrer"
        headers[FieldName("X-Frame-Options")!] = "DENY"
        headers[FieldName("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=()"
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == file.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(file.bytes.count)
        if request.method == .head {
            return Response(status: .ok, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
    }
}
