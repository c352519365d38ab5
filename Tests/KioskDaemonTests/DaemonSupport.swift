import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Paths of the package's built executables, beside the test bundle.
enum BuiltProducts {
    static var folder: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().path
    }

    static func path(_ name: String) -> String { folder + "/" + name }

    /// The repository root (for docs/ and systemd/).
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
    }
}

/// A fresh temporary folder, removed by `cleanUp`.
struct TemporaryFolder {
    let path: String

    init(_ prefix: String) {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `kiosk.yaml` for a test kiosk `id` with `devices` (YAML flow items) and more `api` lines, its socket
    /// and state in this folder; returns its path.
    func writeConfiguration(id: String, devices: [String] = [], api: [String] = []) throws -> String {
        let file = path + "/kiosk.yaml"
        let apiLines = (["socket: \(path)/kioskd.sock"] + api).map { "  " + $0 }.joined(separator: "\n")
        let deviceLines = devices.isEmpty ? "devices: []" : "devices:\n" + devices.map { "  - " + $0 }.joined(separator: "\n")
        try """
            kiosk:
              id: \(id)
              name: \(id) kiosk
              site: test-bench
              address: test bench
              owner: service-centre
              contact: {name: tester}
            \(deviceLines)
            api:
            \(apiLines)
            storage:
              directory: \(path)/state
            """.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// A program started as a child process, its output captured in files.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    let stdoutPath: String
    let stderrPath: String

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], folder: String) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "WATCHDOG_USEC")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        stdoutPath = folder + "/\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString.prefix(6)).out"
        stderrPath = stdoutPath + ".err"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Runs a program to completion (at most `timeout`) and returns its status and output.
    static func run(_ executable: String, _ arguments: [String], folder: String, environment: [String: String] = [:], timeout: Duration = .seconds(30)) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try ChildProcess(executable, arguments, environment: environment, folder: folder)
        let status = try await child.waitForExit(timeout: timeout)
        return (status, child.stdout, child.stderr)
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the process to exit; kills it and throws after `timeout`.
    func waitForExit(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw TestFailure("\(process.executableURL?.lastPathComponent ?? "process") did not exit within \(timeout); stderr:\n\(stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// A failure with words, for helpers that cannot use #expect.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A datagram socket standing in for systemd's NOTIFY_SOCKET; collects what the daemon sends.
final class NotifyListener: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private(set) var messages: [String] = []

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket() failed: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw TestFailure("bind(\(path)) failed: errno \(errno)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Receives datagrams until `predicate` holds for the collected messages, or throws after `timeout`.
    @discardableResult
    func waitUntil(timeout: Duration, _ what: String, _ predicate: ([String]) -> Bool) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !predicate(messages) {
            if ContinuousClock.now > deadline {
                throw TestFailure("no \(what) within \(timeout); received: \(messages)")
            }
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                messages.append(String(decoding: buffer[0..<count], as: UTF8.self))
            } else {
                await Task.yield()
            }
        }
        return messages
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
