import Foundation
import Hummingbird
import KioskCore

/// A JSON response built from a `JSONValue` (the session and service documents), with a status.
struct JSONDocument: ResponseGenerator {
    var value: JSONValue
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(value)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}
