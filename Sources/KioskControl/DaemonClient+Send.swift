import AsyncHTTPClient
import Foundation
import KioskCore
import NIOCore

extension DaemonClient {
    /// The write methods of kioskctl's commands (maintenance, faults, services).
    enum WriteMethod { case post, put, delete }

    /// Sends a POST, PUT or DELETE with an optional JSON body and decodes the JSON answer; a problem document becomes an error.
    func send<T: Decodable>(_ method: WriteMethod, _ path: String, body: (some Encodable)?, as type: T.Type) async throws(ControlError) -> T {
        let url = try requestURL(path)
        let status: Int
        let data: Data
        do {
            var request = HTTPClientRequest(url: url)
            switch method {
            case .post: request.method = .POST
            case .put: request.method = .PUT
            case .delete: request.method = .DELETE
            }
            request.headers.add(name: "Accept", value: "application/json")
            if let token, case .url = endpoint {
                request.headers.add(name: "Authorization", value: "Bearer \(token)")
            }
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
            }
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            let collected = try await response.body.collect(upTo: 16 * 1024 * 1024)
            status = Int(response.status.code)
            data = Data(collected.readableBytesView)
        } catch {
            throw .cannotConnect(endpoint: endpoint.description, reason: Self.reason(error))
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if (200..<300).contains(status) {
            do {
                return try decoder.decode(T.self, from: data)
            } catch {
                throw .badResponse(path: path, reason: "\(error)")
            }
        }
        if let problem = try? decoder.decode(ProblemDocument.self, from: data) { throw .problem(problem) }
        throw .badResponse(path: path, reason: "HTTP \(status) without a problem document")
    }
}
