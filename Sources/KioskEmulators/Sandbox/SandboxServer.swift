import Hummingbird
import KioskCore
import Logging
import ServiceLifecycle

/// The sandbox department backends (hrss, mi, nr, hpf) on one loopback port, for `kioskd --simulate` and the tests.
public actor SandboxServer {
    /// Faults, payments and call counts; tests drive it directly.
    public nonisolated let state: SandboxState
    private let logger: Logger
    private var running: (group: ServiceGroup, task: Task<Void, any Error>)?

    /// A sandbox with `state`; `logger` defaults to warnings and above (no request is ever logged with its body).
    public init(state: SandboxState = SandboxState(), logger: Logger? = nil) {
        self.state = state
        self.logger = logger ?? {
            var logger = Logger(label: "kiosk.sandbox")
            logger.logLevel = .warning
            return logger
        }()
    }

    /// The base URL of `department` on a sandbox listening on `port` (`http://127.0.0.1:8700/hrss/v1`).
    public nonisolated static func baseURL(for department: Department, host: String = "127.0.0.1", port: Int) -> String {
        "http://\(host):\(port)/\(department.rawValue)/v1"
    }

    /// The `departments` configuration of a kiosk using a sandbox on `port` (what `kioskd --simulate` sets).
    public nonisolated static func configurations(
        host: String = "127.0.0.1", port: Int, timeout: Duration = .seconds(5), retries: Int = 2
    ) -> [Department: DepartmentConfiguration] {
        var configurations: [Department: DepartmentConfiguration] = [:]
        for department in Department.allCases {
            configurations[department] = DepartmentConfiguration(
                baseURL: baseURL(for: department, host: host, port: port), timeout: timeout, retries: retries
            )
        }
        return configurations
    }

    /// Starts serving in the background and returns the bound port (`port: 0` picks a free one).
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        if running != nil { throw SandboxServerError.alreadyRunning }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = application(host: host, port: port) { bound in
            continuation.yield(bound)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        running = (group, task)
        for await bound in ports { return bound }
        running = nil
        do {
            try await task.value
        } catch {
            throw SandboxServerError.cannotListen(host: host, port: port, reason: String(describing: error))
        }
        throw SandboxServerError.cannotListen(host: host, port: port, reason: "the server stopped before listening")
    }

    /// Stops a server started by `start` gracefully, waiting until it has closed.
    public func stop() async {
        guard let running else { return }
        self.running = nil
        await running.group.triggerGracefulShutdown()
        _ = try? await running.task.value
    }

    /// Serves in the foreground until SIGINT or SIGTERM; `onRunning` gets the bound port.
    public func run(host: String = "127.0.0.1", port: Int, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        try await application(host: host, port: port, onRunning: onRunning).runService()
    }

    private func application(
        host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void
    ) -> some ApplicationProtocol {
        Application(
            responder: SandboxResponder(state: state),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}

/// Why the sandbox server could not start.
public enum SandboxServerError: Error, CustomStringConvertible, Equatable {
    /// `start` was called on a server that is running.
    case alreadyRunning
    /// The address could not be bound.
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .alreadyRunning: "the sandbox server is already running; stop it first"
        case .cannotListen(let host, let port, let reason):
            "the sandbox server cannot listen on \(host):\(port) (\(reason)); choose another port or 0 for a free one"
        }
    }
}
