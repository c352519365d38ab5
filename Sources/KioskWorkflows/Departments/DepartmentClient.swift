import AsyncHTTPClient
import Foundation
import KioskCore
import Logging
import NIOCore
import NIOHTTP1

/// Calls the department backends over HTTP/JSON as docs/departments.md describes: per-call timeout, retries with
/// jittered backoff for queries only, optional mutual TLS, responses checked against their shape.
///
/// Call `shutdown()` before dropping it. Request bodies are never logged.
public final class DepartmentClient: DepartmentCalling {
    /// One department's backend as configured.
    struct Endpoint: Sendable {
        var baseURL: String
        var configuration: DepartmentConfiguration
        var http: HTTPClient
    }

    private let endpoints: [Department: Result<Endpoint, DepartmentError>]
    private let kioskID: String?
    private let backoff: RetryBackoff
    private let logger: Logger
    /// Largest response body accepted.
    static let maximumBody = 4 * 1024 * 1024

    /// A client for `departments`; a department whose TLS files cannot be read fails each call with `invalidConfiguration`.
    public init(
        departments: [Department: DepartmentConfiguration], kioskID: String? = nil, backoff: RetryBackoff = RetryBackoff(),
        logger: Logger = Logger(label: "kiosk.departments")
    ) {
        var endpoints: [Department: Result<Endpoint, DepartmentError>] = [:]
        for (department, configuration) in departments {
            endpoints[department] = Result { () throws(DepartmentError) -> Endpoint in
                try Self.endpoint(department, configuration)
            }
        }
        self.endpoints = endpoints
        self.kioskID = kioskID
        self.backoff = backoff
        self.logger = logger
    }

    /// Closes every connection; no call may be made afterwards.
    public func shutdown() async {
        for case .success(let endpoint) in endpoints.values {
            try? await endpoint.http.shutdown()
        }
    }

    // MARK: Calls

    /// `DepartmentCalling`: the contract's shape for `operation` is checked; an operation the contract lists as a
    /// submission or payment is never retried, whatever `idempotent` says.
    public func call(_ department: Department, operation: String, body: JSONValue, idempotent: Bool) async throws -> JSONValue {
        let known = DepartmentContract.operation(department, operation)
        return try await call(
            department, operation: operation, body: body, idempotent: idempotent && (known?.kind.isIdempotent ?? true),
            shape: known?.shape ?? .object
        )
    }

    /// Posts `body` to `operation` and returns the response once it has every field of `shape`.
    public func call(
        _ department: Department, operation: String, body: JSONValue, idempotent: Bool, shape: ResponseShape
    ) async throws -> JSONValue {
        let endpoint = try endpoint(department)
        let attempts = 1 + (idempotent ? max(0, endpoint.configuration.retries) : 0)
        let requestID = UUID().uuidString
        let payload = try JSONEncoder().encode(body)
        let started = ContinuousClock.now
        for attempt in 1...attempts {
            do {
                let response = try await send(endpoint, department, operation, payload, requestID: requestID)
                let result = try Self.validate(response, department, operation, shape)
                logger.debug("department call succeeded", metadata: [
                    "department": "\(department.rawValue)", "operation": "\(operation)", "attempt": "\(attempt)",
                    "duration_ms": "\((ContinuousClock.now - started).milliseconds)", "request.id": "\(requestID)",
                ])
                return result
            } catch let error as DepartmentError {
                var metadata = error.logMetadata
                metadata["attempt"] = "\(attempt)"
                metadata["request.id"] = "\(requestID)"
                guard error.isRetryable, attempt < attempts else {
                    metadata["duration_ms"] = "\((ContinuousClock.now - started).milliseconds)"
                    logger.info("department call failed", metadata: metadata)
                    throw error
                }
                logger.info("department call failed; retrying", metadata: metadata)
                try await Task.sleep(for: backoff.delay(beforeRetry: attempt - 1))
            }
        }
        throw DepartmentError.unreachable(department, operation: operation, reason: "no attempt was made")
    }

    /// Checks that the department answers `GET {base}/health` with 200 within its timeout (no retries).
    public func ping(_ department: Department) async throws(DepartmentError) {
        let endpoint = try endpoint(department)
        var request = HTTPClientRequest(url: endpoint.baseURL + "/health")
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        if let kioskID { request.headers.add(name: "X-Kiosk-ID", value: kioskID) }
        let limit = endpoint.configuration.timeout
        do {
            let response = try await endpoint.http.execute(request, timeout: Self.timeAmount(limit))
            _ = try await response.body.collect(upTo: 64 * 1024)
            guard response.status == .ok else {
                throw DepartmentError.status(department, operation: "health", status: Int(response.status.code), problem: nil)
            }
        } catch let error as DepartmentError {
            throw error
        } catch {
            throw Self.transportError(error, department, "health", limit)
        }
    }

    /// Whether `ping` succeeds.
    public func isReachable(_ department: Department) async -> Bool {
        do {
            try await ping(department)
            return true
        } catch {
            return false
        }
    }

    // MARK: One attempt

    private func endpoint(_ department: Department) throws(DepartmentError) -> Endpoint {
        guard let endpoint = endpoints[department] else { throw .notConfigured(department) }
        return try endpoint.get()
    }

    private func send(
        _ endpoint: Endpoint, _ department: Department, _ operation: String, _ payload: Data, requestID: String
    ) async throws -> (status: Int, body: ByteBuffer) {
        var request = HTTPClientRequest(url: endpoint.baseURL + "/" + operation.replacingOccurrences(of: ".", with: "/"))
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "X-Request-ID", value: requestID)
        if let kioskID { request.headers.add(name: "X-Kiosk-ID", value: kioskID) }
        request.body = .bytes(ByteBuffer(bytes: payload))
        let limit = endpoint.configuration.timeout
        do {
            let response = try await endpoint.http.execute(request, deadline: .now() + Self.timeAmount(limit))
            let body = try await response.body.collect(upTo: Self.maximumBody)
            return (Int(response.status.code), body)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Self.transportError(error, department, operation, limit)
        }
    }

    static func validate(
        _ response: (status: Int, body: ByteBuffer), _ department: Department, _ operation: String, _ shape: ResponseShape
    ) throws(DepartmentError) -> JSONValue {
        let json = try? JSONDecoder().decode(JSONValue.self, from: Data(response.body.readableBytesView))
        guard response.status == 200 else {
            throw .status(department, operation: operation, status: response.status, problem: json.flatMap { DepartmentProblem(json: $0) })
        }
        guard let json else {
            throw .malformedResponse(department, operation: operation, field: nil, reason: "the body is not JSON")
        }
        if let violation = shape.violation(in: json) {
            throw .malformedResponse(
                department, operation: operation, field: violation.path.isEmpty ? nil : violation.path,
                reason: violation.path.isEmpty ? "the body is \(violation.found ?? "empty"), not a JSON object" : violation.description
            )
        }
        return json
    }

    static func transportError(_ error: any Error, _ department: Department, _ operation: String, _ limit: Duration) -> DepartmentError {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout, .writeTimeout:
                return .timeout(department, operation: operation, limit: limit)
            case .invalidURL, .emptyHost, .emptyScheme:
                return .invalidConfiguration(department, reason: "the base URL is not usable (\(error))")
            default:
                return .unreachable(department, operation: operation, reason: "\(error)")
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .timeout(department, operation: operation, limit: limit)
        }
        if let error = error as? NIOTooManyBytesError {
            return .malformedResponse(department, operation: operation, field: nil, reason: "the body is larger than \(error.maxBytes ?? maximumBody) bytes")
        }
        return .unreachable(department, operation: operation, reason: "\(error)")
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    private static func endpoint(_ department: Department, _ configuration: DepartmentConfiguration) throws(DepartmentError) -> Endpoint {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw .invalidConfiguration(department, reason: "base URL \(configuration.baseURL) is not an http:// or https:// URL")
        }
        let tls = try configuration.tls.map { files throws(DepartmentError) in try DepartmentTLS.configuration(files, department: department) }
        let limit = timeAmount(configuration.timeout)
        let http = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: HTTPClient.Configuration(
                tlsConfiguration: tls, redirectConfiguration: .disallow,
                timeout: HTTPClient.Configuration.Timeout(connect: limit, read: limit)
            )
        )
        return Endpoint(baseURL: base, configuration: configuration, http: http)
    }
}

extension Duration {
    /// Whole milliseconds, for log metadata.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
