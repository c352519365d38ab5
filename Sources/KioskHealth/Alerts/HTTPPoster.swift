import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends JSON over HTTP and maps the outcome to an `AlertDeliveryError`.
struct HTTPPoster: Sendable {
    /// The methods the alert path uses.
    enum Method: Sendable { case post, delete }

    let client: HTTPClient
    let timeout: TimeAmount

    @discardableResult
    func send(_ method: Method, _ url: String, body: Data?, sink: String) async throws(AlertDeliveryError) -> Data {
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            var request = HTTPClientRequest(url: url)
            switch method {
            case .post: request.method = .POST
            case .delete: request.method = .DELETE
            }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: body))
            }
            response = try await client.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw .unreachable(sink: sink, reason: Self.reason(error))
        }
        let data = Data(bytes.readableBytesView)
        let status = Int(response.status.code)
        if (200..<300).contains(status) { return data }
        let text = String(decoding: data.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if status == 429 || status >= 500 { throw .temporary(sink: sink, status: status, body: text) }
        throw .rejected(sink: sink, status: status, body: text)
    }

    static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") { return "no answer in time" }
        if text.contains("Connection refused") || text.contains("ECONNREFUSED") || text.contains("connectionRefused") { return "connection refused" }
        return text
    }
}
