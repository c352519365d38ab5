import Foundation
import KioskCore
import KioskEmulators
import KioskWorkflows
import Logging
import Testing

/// A sandbox on a free loopback port and a department client pointed at all four of its departments.
struct SandboxFixture {
    let server: SandboxServer
    let port: Int
    let client: DepartmentClient
    let logs: CapturedLogs

    var state: SandboxState { server.state }

    /// The test citizen `key` (zhang, li, wang, ouyang).
    static func citizen(_ key: String) -> SandboxCitizen {
        SandboxCitizen.named(key)!
    }

    /// `{"idNumber": …}` of the test citizen `key`.
    static func byID(_ key: String, _ extra: [String: JSONValue] = [:]) -> JSONValue {
        var body = extra
        body["idNumber"] = .string(citizen(key).idNumber)
        return .object(body)
    }

    /// Runs `body` with a started sandbox and client, then shuts both down.
    static func with(
        timeout: Duration = .seconds(3), retries: Int = 2, paymentDelay: Duration? = nil,
        departments: [Department] = Department.allCases,
        _ body: (SandboxFixture) async throws -> Void
    ) async throws {
        let server = SandboxServer(state: SandboxState(paymentDelay: paymentDelay))
        let port = try await server.start()
        let configurations = SandboxServer.configurations(port: port, timeout: timeout, retries: retries)
            .filter { departments.contains($0.key) }
        let logs = CapturedLogs()
        var logger = Logger(label: "test.departments") { _ in CapturedLogHandler(logs: logs) }
        logger.logLevel = .trace
        let client = DepartmentClient(
            departments: configurations, kioskID: "test-001", backoff: RetryBackoff(base: .milliseconds(5), cap: .milliseconds(20)),
            logger: logger
        )
        let fixture = SandboxFixture(server: server, port: port, client: client, logs: logs)
        do {
            try await body(fixture)
        } catch {
            await client.shutdown()
            await server.stop()
            throw error
        }
        await client.shutdown()
        await server.stop()
    }

    /// Calls `operation` the way a workflow step does and returns the response.
    func call(_ department: Department, _ operation: String, _ body: JSONValue, idempotent: Bool = true) async throws -> JSONValue {
        try await client.call(department, operation: operation, body: body, idempotent: idempotent)
    }

    /// The `DepartmentError` a call throws (failing the test when it succeeds or throws something else).
    func failure(
        _ department: Department, _ operation: String, _ body: JSONValue, idempotent: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> DepartmentError? {
        do {
            let value = try await call(department, operation, body, idempotent: idempotent)
            Issue.record("expected a DepartmentError, got \(value)", sourceLocation: sourceLocation)
        } catch let error as DepartmentError {
            return error
        } catch {
            Issue.record("expected a DepartmentError, got \(error)", sourceLocation: sourceLocation)
        }
        return nil
    }
}

/// Log records kept in memory so tests can read what the client logged.
final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) {
        lock.withLock { lines.append(line) }
    }

    /// Every record as `message key=value …`.
    var all: [String] { lock.withLock { lines } }
}

/// A log handler writing into `CapturedLogs`.
struct CapturedLogHandler: LogHandler {
    let logs: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        logs.append("\(event.level) \(event.message) \(fields)")
    }
}
