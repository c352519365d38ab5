import Foundation
import KioskDevices
import Logging

/// What the PC/SC tests share: the services scripts/test-services.d/pcscd.sh started, and the
/// virtual social-security card (Tests/Helpers/vicc) as a child process driven line by line.
enum PCSCTestSupport {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let logger = Logger(label: "kioskd.test.pcsc", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The vicc launcher; fails (never skips) when pcscd.sh did not run.
    static func viccLauncher() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard environment["KIOSK_TEST_PCSC"] == "1", let launcher = environment["KIOSK_TEST_PCSC_VICC"] else {
            throw Failure(description: "KIOSK_TEST_PCSC / KIOSK_TEST_PCSC_VICC are not set: run `source scripts/test-services.d/pcscd.sh` (scripts/run-tests does) before these tests")
        }
        return launcher
    }

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

/// The virtual card process: `insert`, `remove`, `card ssse|unknown|locked`, each answered by one line.
final class VirtualCard: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let lines: AsyncStream<String>
    private var iterator: AsyncStream<String>.Iterator

    init() throws {
        let launcher = try PCSCTestSupport.viccLauncher()
        process.executableURL = URL(fileURLWithPath: launcher)
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream<String>.makeStream()
        lines = stream
        iterator = stream.makeAsyncIterator()
        let buffer = LineBuffer()
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
                return
            }
            for line in buffer.append(chunk) { continuation.yield(line) }
        }
        try process.run()
    }

    /// Waits for "ready".
    func ready() async throws {
        let line = try await nextLine()
        guard line == "ready" else { throw PCSCTestSupport.Failure(description: "vicc said \(line) instead of ready") }
    }

    /// Sends one command and returns its answer line.
    @discardableResult
    func send(_ command: String, expecting expected: String? = nil) async throws -> String {
        input.fileHandleForWriting.write(Data((command + "\n").utf8))
        let line = try await nextLine()
        if let expected, line != expected { throw PCSCTestSupport.Failure(description: "vicc answered `\(command)` with \(line)") }
        return line
    }

    private func nextLine() async throws -> String {
        var iterator = iterator
        defer { self.iterator = iterator }
        guard let line = await iterator.next() else { throw PCSCTestSupport.Failure(description: "vicc ended") }
        return line
    }

    func stop() {
        if process.isRunning {
            input.fileHandleForWriting.write(Data("quit\n".utf8))
            process.waitUntilExit()
        }
    }
}

/// Bytes read so far, split into lines (used from FileHandle's reading thread only).
final class LineBuffer: @unchecked Sendable {
    private var data = Data()

    /// Adds `chunk` and returns the lines it completed.
    func append(_ chunk: Data) -> [String] {
        data.append(chunk)
        var lines: [String] = []
        while let newline = data.firstIndex(of: 0x0A) {
            lines.append(String(decoding: data[data.startIndex..<newline], as: UTF8.self))
            data = Data(data[(newline + 1)...])
        }
        return lines
    }
}
