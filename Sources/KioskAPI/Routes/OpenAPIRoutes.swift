import Foundation
import Hummingbird

/// `GET /api/v1/openapi.yaml`: the OpenAPI 3.1 document of this API, read once at start.
struct OpenAPIRoutes {
    let documentPath: String

    func addRoutes(to group: RouterGroup<KioskRequestContext>) {
        let document = FileManager.default.contents(atPath: documentPath)
        let path = documentPath
        group.get("openapi.yaml") { _, _ in
            guard let document else { throw APIError.documentMissing(path: path) }
            return Response(
                status: .ok,
                headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: document))
            )
        }
    }
}
