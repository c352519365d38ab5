import Foundation
import KioskDevices
import Logging

/// What the PC/SC tests share: the services scripts/test-services.d/pcscd.sh started (the virtual card itself is
/// KioskTestSupport's VirtualSocialSecurityCard).
enum PCSCTestSupport {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let logger = Logger(label: "kioskd.test.pcsc", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The script that restarts pcscd (pcscd.sh's start.sh).
    static func pcscdRestart() throws -> String {
        guard let script = ProcessInfo.processInfo.environment["KIOSK_TEST_PCSCD_RESTART"] else {
            throw Failure(description: "KIOSK_TEST_PCSCD_RESTART is not set: run `source scripts/test-services.d/pcscd.sh` first")
        }
        return script
    }

    /// Runs `body`, failing instead of hanging after `limit`.
    static func withDeadline<T: Sendable>(_ limit: Duration = .seconds(20), _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                throw Failure(description: "the test did not finish within \(limit)")
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Runs a program to its end (at most `limit`), returning its exit status.
    @discardableResult
    static func run(_ path: String, _ arguments: [String] = [], limit: Duration = .seconds(15)) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + limit
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw Failure(description: "\(path) did not finish within \(limit)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }
}
