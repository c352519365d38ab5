import ArgumentParser
import Foundation
import KioskCore
import KioskTransport

/// `kiosk-transport-probe udev …`: runs kioskd's udev transport once and prints JSON lines.
struct UdevProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "udev",
        abstract: "Enumerate or monitor udev devices.",
        subcommands: [Enumerate.self, Monitor.self]
    )
}

extension UdevProbeCommand {
    /// `udev enumerate --subsystem usb --subsystem tty [--property KEY=VALUE]`: one `SystemDevice` per line.
    struct Enumerate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the devices udev lists, one JSON object per line.")

        @Option(name: .customLong("subsystem"), help: "A subsystem to list (repeatable; all when none).")
        var subsystems: [String] = []

        @Option(name: .customLong("property"), help: "KEY=VALUE (a glob) that every device must have (repeatable).")
        var properties: [String] = []

        func run() throws {
            var wanted: [String: String] = [:]
            for pair in properties {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw ValidationError("--property needs KEY=VALUE, got \(pair)") }
                wanted[parts[0]] = parts[1]
            }
            let devices = try Udev().enumerate(subsystems: subsystems, properties: wanted)
            for device in devices.sorted(by: { $0.syspath < $1.syspath }) {
                try printLine(device)
            }
        }
    }

    /// `udev monitor --subsystem usb --count N [--timeout-ms T]`: "ready", then one `SystemDeviceEvent` per line.
    struct Monitor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print \"ready\" once receiving, then udev events as JSON lines; exit 0 after --count events, 2 on timeout."
        )

        @Option(name: .customLong("subsystem"), help: "A subsystem to watch (repeatable; all when none).")
        var subsystems: [String] = []

        @Option(help: "Exit after this many events.")
        var count: Int

        @Option(name: .customLong("timeout-ms"), help: "Give up (exit status 2) after this many milliseconds.")
        var timeoutMilliseconds: Int?

        private enum Outcome: Sendable { case counted, ended, timedOut }

        func run() async throws {
            let monitor = try UdevMonitor(subsystems: subsystems)
            printFlushed("ready")
            let count = count
            let outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
                group.addTask {
                    var seen = 0
                    for try await event in monitor.events {
                        try printLine(event)
                        seen += 1
                        if seen >= count { return .counted }
                    }
                    return .ended
                }
                if let timeoutMilliseconds {
                    group.addTask {
                        try await Task.sleep(for: .milliseconds(timeoutMilliseconds))
                        return .timedOut
                    }
                }
                let first = try await group.next() ?? .ended
                group.cancelAll()
                return first
            }
            monitor.stop()
            switch outcome {
            case .counted:
                return
            case .ended:
                FileHandle.standardError.write(Data("the udev monitor ended before \(count) events\n".utf8))
                throw ExitCode(1)
            case .timedOut:
                FileHandle.standardError.write(Data("timed out after \(timeoutMilliseconds ?? 0) ms waiting for \(count) events\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

/// Prints a value as one JSON line (sorted keys) and flushes, so a reader on a pipe sees it at once.
private func printLine(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    printFlushed(String(decoding: try encoder.encode(value), as: UTF8.self))
}

private func printFlushed(_ line: String) {
    print(line)
    fflush(nil)  // every C stream, so stdout without naming the global
}
