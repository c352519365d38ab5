import ArgumentParser
import Foundation
import KioskCore
import KioskDevices
import KioskTransport

#if canImport(Glibc)
import Glibc
#endif

/// `kiosk-bench hotplug`: how long from a USB receipt printer's "add" uevent until kioskd's device
/// registry has bound it and its node opens, over many plug/unplug cycles in a umockdev testbed;
/// with `--leak-check`, whether descriptors and resident memory stay flat.
///
/// umockdev works by LD_PRELOAD, so the measuring runs in a child: this command re-executes
/// kiosk-bench as `hotplug-child` under `umockdev-wrapper /usr/bin/python3 bench/hotplug-testbed.py`,
/// which plugs and unplugs the printer and relays the child's lines; the child prints one
/// `result {json}` line at the end, which this command turns into the table.
struct HotplugBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotplug",
        abstract: "Plug a USB receipt printer in and out of a umockdev testbed: time until usable, and leaks."
    )

    /// The goal for the median time from uevent to a usable device node.
    static let goalMedianMilliseconds = 100.0
    /// The goal for resident memory growth from the warm-up sample to the end.
    static let goalRSSGrowthKilobytes = 1024
    /// Cycles before the first leak-check sample.
    static let warmUpCycles = 10

    static let wrapper = "/usr/bin/umockdev-wrapper"
    static let python = "/usr/bin/python3"

    @Option(help: "Number of plug/unplug cycles.") var cycles = 100
    @Flag(help: "Compare open descriptors and VmRSS after \(warmUpCycles) warm-up cycles with the end.") var leakCheck = false

    func validate() throws {
        guard cycles >= 1 else { throw ValidationError("--cycles must be at least 1") }
        if leakCheck, cycles <= Self.warmUpCycles {
            throw ValidationError("--leak-check needs more than \(Self.warmUpCycles) cycles (the first \(Self.warmUpCycles) are warm-up)")
        }
    }

    func run() throws { try Self.measure(cycles: cycles, leakCheck: leakCheck) }

    /// Runs the testbed and prints the table; throws `ExitCode(2)` without umockdev, `ExitCode(1)` when the run fails.
    static func measure(cycles: Int, leakCheck: Bool) throws {
        for program in [wrapper, python] where !FileManager.default.isExecutableFile(atPath: program) {
            FileHandle.standardError.write(Data("""
                kiosk-bench hotplug: \(program) is missing; the benchmark plugs devices into a umockdev testbed \
                and needs Debian's umockdev, gir1.2-umockdev-1.0 and python3-gi (apt-get install umockdev gir1.2-umockdev-1.0 python3-gi)

                """.utf8))
            throw ExitCode(2)
        }
        let executable = executablePath
        let root = try repositoryRoot()
        var arguments = [python, root + "/bench/hotplug-testbed.py", executable, "hotplug-child", "--cycles", "\(cycles)"]
        if leakCheck { arguments.append("--leak-check") }
        #if DEBUG
        let build = "debug"
        #else
        let build = "release"
        #endif
        Swift.print("hotplug: \(cycles) cycles in a umockdev testbed (\(build) build)…")
        fflush(nil)

        let output = try runToEnd(wrapper, arguments, limit: .seconds(60 + cycles))
        guard let line = output.lines.last(where: { $0.hasPrefix("result ") }),
              let result = try? JSONDecoder().decode(Figures.self, from: Data(line.dropFirst("result ".count).utf8))
        else {
            FileHandle.standardError.write(Data("""
                kiosk-bench hotplug: the testbed run ended with status \(output.status) and no result; its last lines:
                \(output.lines.suffix(5).joined(separator: "\n"))

                """.utf8))
            throw ExitCode(1)
        }
        printTable(result)
    }

    /// Prints the table and the goal lines.
    static func printTable(_ result: Figures) {
        let what = "from the add uevent to an opened node (\(result.cycles) cycles)"
        row("hotplug-median", result.medianMilliseconds, "ms", "median \(what)")
        row("hotplug-p90", result.p90Milliseconds, "ms", "90th percentile")
        row("hotplug-max", result.maxMilliseconds, "ms", "slowest cycle")
        let metLatency = result.medianMilliseconds <= goalMedianMilliseconds
        Swift.print(String(format: "GOAL %@: median %.1f ms, goal ≤ %.0f ms", metLatency ? "MET" : "MISSED", result.medianMilliseconds, goalMedianMilliseconds))
        guard let warm = result.warm, let end = result.end else { return }
        let after = "after \(warmUpCycles) warm-up cycles → after \(result.cycles)"
        Swift.print(BenchTable.column("leak-fds") + String(format: " %6d → %6d  (%+d) open descriptors %@", warm.descriptors, end.descriptors, end.descriptors - warm.descriptors, after as NSString))
        let growth = end.rssKilobytes - warm.rssKilobytes
        let perCycle = Double(growth) * 1024 / Double(result.cycles - warmUpCycles)
        Swift.print(BenchTable.column("leak-rss") + String(format: " %6d → %6d  (%+d kB, %+.0f B per cycle) VmRSS kB %@", warm.rssKilobytes, end.rssKilobytes, growth, perCycle, after as NSString))
        let metLeaks = end.descriptors == warm.descriptors && growth <= goalRSSGrowthKilobytes
        Swift.print("GOAL \(metLeaks ? "MET" : "MISSED"): descriptors \(end.descriptors == warm.descriptors ? "flat" : "changed"), VmRSS growth \(growth) kB, goal same descriptors and ≤ \(goalRSSGrowthKilobytes) kB")
    }

    static func row(_ name: String, _ value: Double, _ unit: String, _ what: String) {
        BenchTable.row(name, value, decimals: 1, unit, what)
    }

    /// Runs a program with its stdout captured (stderr passes through); killed after `limit`.
    static func runToEnd(_ program: String, _ arguments: [String], limit: Duration) throws -> (status: Int32, lines: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let watchdog = DispatchWorkItem {
            FileHandle.standardError.write(Data("kiosk-bench hotplug: the testbed run took over \(limit); stopping it\n".utf8))
            kill(pid, SIGKILL)
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(limit.components.seconds)), execute: watchdog)
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// This program's own path, for re-executing it.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The checkout this program was built in: the first folder above it with Package.swift, or,
    /// for a build outside the checkout (`--scratch-path`), the first above the current folder.
    static func repositoryRoot() throws -> String {
        let starts = [URL(fileURLWithPath: executablePath).deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        for start in starts {
            var folder = start
            while folder.path != "/" {
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) { return folder.path }
                folder.deleteLastPathComponent()
            }
        }
        throw ValidationError("no Package.swift above \(executablePath) or the current folder; run kiosk-bench from its checkout (swift run kiosk-bench hotplug)")
    }

    /// What the child measured.
    struct Figures: Codable, Sendable {
        struct Sample: Codable, Sendable {
            var descriptors: Int
            var rssKilobytes: Int
        }

        var cycles: Int
        var medianMilliseconds: Double
        var p90Milliseconds: Double
        var maxMilliseconds: Double
        /// After the warm-up cycles, with --leak-check.
        var warm: Sample?
        /// After the last cycle, with --leak-check.
        var end: Sample?
    }
}

extension HotplugBenchmark {
    /// `kiosk-bench hotplug-child`: the measuring side, run by bench/hotplug-testbed.py under the preload.
    ///
    /// A real `DeviceRegistry` with one configured receipt printer and the shipped profiles, fed
    /// like `DeviceDiscoveryService` does (monitor first, then enumerate, then every event). Prints
    /// "ready"; then per cycle reads "added <t_ns>" from stdin, waits for the registry's `appeared`,
    /// opens and closes the bound node, prints "usable <cycle> <latency_ns>", waits for
    /// `disappeared` and prints "gone <cycle>"; at the end prints "result {json}".
    struct Child: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hotplug-child",
            abstract: "The measuring side of `hotplug`, run under umockdev by bench/hotplug-testbed.py.",
            shouldDisplay: false
        )

        static let printer = DeviceConfiguration(
            id: "receipt-printer",
            role: .receiptPrinter,
            profile: "escpos/pos80-0416-5011",
            match: .usb(vendor: 0x0416, product: 0x5011, serial: "PRN001", port: nil)
        )

        @Option var cycles = 100
        @Flag var leakCheck = false

        func run() async throws {
            let profiles = ProfileCatalogue.load(directory: try HotplugBenchmark.repositoryRoot() + "/devices")
            guard profiles.profiles[Self.printer.profile] != nil else {
                throw Failure("profile \(Self.printer.profile) did not load: \(profiles.problems)")
            }
            let registry = DeviceRegistry(devices: [Self.printer], profiles: profiles, defaultOwner: "service-centre")
            var changes = await registry.events().makeAsyncIterator()
            let monitor = try UdevMonitor(subsystems: DeviceDiscoveryService.subsystems)
            await registry.apply(snapshot: try Udev().enumerate(subsystems: DeviceDiscoveryService.subsystems))
            let feeding = Task {
                for try await event in monitor.events { await registry.handle(event) }
            }
            defer {
                feeding.cancel()
                monitor.stop()
            }
            var stamps = Self.standardInputLines().makeAsyncIterator()
            emit("ready")

            var latencies: [Int64] = []
            var warm: Figures.Sample?
            for cycle in 1...cycles {
                let appeared = try await Self.next(.appeared, from: &changes)
                guard let devnode = appeared.binding?.devnode else { throw Failure("cycle \(cycle): the printer appeared without a device node") }
                let descriptor = open(devnode, O_RDWR | O_CLOEXEC)
                guard descriptor >= 0 else { throw Failure("cycle \(cycle): open(\(devnode)) failed: \(String(cString: strerror(errno)))") }
                close(descriptor)
                let usable = Self.monotonicNanoseconds()
                guard let line = await stamps.next(), line.hasPrefix("added "), let emitted = Int64(line.dropFirst("added ".count)) else {
                    throw Failure("cycle \(cycle): expected \"added <t_ns>\" on stdin")
                }
                latencies.append(usable - emitted)
                emit("usable \(cycle) \(usable - emitted)")

                _ = try await Self.next(.disappeared, from: &changes)
                if leakCheck, cycle == HotplugBenchmark.warmUpCycles { warm = try Self.sample() }
                emit("gone \(cycle)")
            }
            let end = leakCheck ? try Self.sample() : nil
            let sorted = latencies.sorted()
            let result = Figures(
                cycles: cycles,
                medianMilliseconds: Self.milliseconds(Self.percentile(0.5, of: sorted)),
                p90Milliseconds: Self.milliseconds(Self.percentile(0.9, of: sorted)),
                maxMilliseconds: Self.milliseconds(sorted.last ?? 0),
                warm: warm,
                end: end
            )
            let json = try JSONEncoder().encode(result)
            emit("result " + String(decoding: json, as: UTF8.self))
        }

        /// Writes a line straight to the descriptor. Not `print` with `fflush(nil)`: glibc's
        /// fflush(NULL) locks every stream, stdin too, which the reading thread holds while it
        /// waits in `readLine()`; the flush would wait for the next line, which never comes.
        func emit(_ line: String) {
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }

        /// The registry's next `kind` event for the printer (others are skipped).
        static func next(_ kind: RegistryEvent.Kind, from changes: inout AsyncStream<RegistryEvent>.Iterator) async throws -> RegistryEvent {
            while let event = await changes.next() {
                if event.deviceID == printer.id, event.kind == kind { return event }
            }
            throw Failure("the registry's event stream ended while waiting for \(kind)")
        }

        /// Lines from stdin, read on a thread of their own (reading blocks).
        static func standardInputLines() -> AsyncStream<String> {
            let (lines, continuation) = AsyncStream<String>.makeStream()
            let reader = Thread {
                while let line = readLine() { continuation.yield(line) }
                continuation.finish()
            }
            reader.name = "kiosk-bench-stdin"
            reader.start()
            return lines
        }

        static func monotonicNanoseconds() -> Int64 {
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        }

        /// Nearest-rank percentile of sorted values.
        static func percentile(_ fraction: Double, of sorted: [Int64]) -> Int64 {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((fraction * Double(sorted.count)).rounded(.up))
            return sorted[max(rank, 1) - 1]
        }

        static func milliseconds(_ nanoseconds: Int64) -> Double {
            Double(nanoseconds) / 1e6
        }

        /// Open descriptors (/proc/self/fd, less the one listing it) and VmRSS (/proc/self/status).
        static func sample() throws -> Figures.Sample {
            let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count - 1
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
                  let kilobytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Int($0) })
            else { throw Failure("no VmRSS in /proc/self/status") }
            return Figures.Sample(descriptors: descriptors, rssKilobytes: kilobytes)
        }
    }

    /// Why the child could not measure, in words.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
