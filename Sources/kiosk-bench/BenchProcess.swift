import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A program kiosk-bench starts and measures (kioskd, the bare server, Alertmanager), stopped with SIGTERM at the end.
final class BenchProcess {
    let process = Process()
    let name: String
    let logPath: String

    /// Starts `executable` with `arguments`, its output in `logPath`.
    init(_ name: String, _ executable: String, _ arguments: [String], environment: [String: String] = [:], logPath: String) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchFailure("\(executable) is missing; build it first (swift build -c release --product \(name))")
        }
        self.name = name
        self.logPath = logPath
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NOTIFY_SOCKET")
        env.removeValue(forKey: "WATCHDOG_USEC")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Stops it (SIGTERM, then SIGKILL after 10 s) and waits.
    func stop() {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// The last lines of its log, for a failure message.
    var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(8).joined(separator: "\n")
    }

    deinit { stop() }
}

/// Why a benchmark could not measure, in words; printed, and kiosk-bench exits 1.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
