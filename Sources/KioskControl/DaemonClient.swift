import AsyncHTTPClient
import Foundation
import KioskCore
import NIOCore

/// A client of kioskd's HTTP API, over its Unix socket or a TCP URL.
public struct DaemonClient: Sendable {
    /// Where the daemon is.
    public enum Endpoint: Sendable, CustomStringConvertible {
        case socket(path: String)
        case url(String)

        public var description: String {
            switch self {
            case .socket(let path): "unix:\(path)"
            case .url(let url): url
            }
        }
    }

    let endpoint: Endpoint
    let timeout: TimeAmount
    /// A maintainer's bearer token, sent over TCP (the Unix socket needs none).
    let token: String?

    public init(endpoint: Endpoint, timeout: TimeAmount = .seconds(10), token: String? = nil) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.token = token
    }

    /// GETs `path` (e.g. `/api/v1/health`) and decodes the JSON body; a problem document becomes an error.
    /// Statuses in `accepting` (besides 2xx) are decoded as `T` too (the health report comes with 503).
    public func get<T: Decodable>(_ path: String, as type: T.Type, accepting: Set<Int> = []) async throws(ControlError) -> T {
        let (status, body) = try await fetch(path)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        if (200..<300).contains(status) || accepting.contains(status) {
            do {
                return try decoder.decode(T.self, from: body)
            } catch {
                throw .badResponse(path: path, reason: "\(error)")
            }
        }
        if let problem = try? decoder.decode(ProblemDocument.self, from: body) {
            throw .problem(problem)
        }
        throw .badResponse(path: path, reason: "HTTP \(status) without a problem document")
    }

    /// The raw status and body of a GET.
    public func fetch(_ path: String) async throws(ControlError) -> (status: Int, body: Data) {
        let url = try requestURL(path)
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
            return (Int(response.status.code), Data(body.readableBytesView))
        } catch {
            throw .cannotConnect(endpoint: endpoint.description, reason: Self.reason(error))
        }
    }

    /// The URL of `path` on the endpoint; a missing socket is reported at once (AsyncHTTPClient would keep
    /// retrying it until its connect timeout).
    func requestURL(_ path: String) throws(ControlError) -> String {
        switch endpoint {
        case .socket(let socketPath):
            guard FileManager.default.fileExists(atPath: socketPath) else {
                throw .cannotConnect(endpoint: endpoint.description, reason: "the socket does not exist")
            }
            guard let socketURL = URL(httpURLWithSocketPath: socketPath, uri: path) else {
                throw .badOption("the socket path \(socketPath) cannot be used")
            }
            return socketURL.absoluteString
        case .url(let base):
            return base.hasSuffix("/") ? String(base.dropLast()) + path : base + path
        }
    }

    static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("deadlineExceeded") { return "no answer in time" }
        if text.contains("No such file") || text.contains("ENOENT") { return "the socket does not exist" }
        if text.contains("Connection refused") || text.contains("ECONNREFUSED") { return "connection refused" }
        if text.contains("Permission denied") || text.contains("EACCES") { return "permission denied (is your user in the kioskd group?)" }
        return text
    }
}
