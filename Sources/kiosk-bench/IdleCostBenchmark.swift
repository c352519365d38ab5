import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `kiosk-bench idle-cost`: what an idle kioskd costs the kiosk — CPU share of one core, resident memory (VmRSS) and
/// its anonymous part (RssAnon) — beside a bare Hummingbird server (kiosk-bare-server, the yardstick) and the
/// system daemons kioskd works with (cupsd, pcscd), all measured in the same window.
///
/// kioskd runs `--simulate` (release): six emulated devices, 21 services, every probe on its default interval.
/// Both servers are started here and left to settle; then CPU time is read from /proc/PID/stat at the start and
/// end of the window, memory from /proc/PID/status at the end. cupsd and pcscd are found running (e.g. started by
/// scripts/test-services.d/cupsd.sh and pcscd.sh); a missing one is reported, not started.
struct IdleCostBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle-cost",
        abstract: "Idle CPU and memory of release kioskd --simulate beside kiosk-bare-server, cupsd and pcscd."
    )

    /// Goals: CPU share of one core, and RSS and RssAnon as multiples of the bare server's.
    static let goalCPUPercent = 0.2
    static let goalRSSRatio = 1.2
    static let goalAnonRatio = 1.7

    @Option(help: "Length of the measuring window in seconds.") var seconds = 60
    @Option(help: "Seconds to let the servers settle before measuring.") var settle = 10

    func validate() throws {
        guard seconds >= 1, settle >= 0 else { throw ValidationError("--seconds must be at least 1 and --settle not negative") }
    }

    func run() throws {
        do {
            try Self.measure(seconds: seconds, settle: settle)
        } catch let failure as BenchFailure {
            FileHandle.standardError.write(Data("kiosk-bench idle-cost: \(failure)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// One measured process.
    struct Subject {
        var name: String
        var pid: Int32
        var startTicks: Int64 = 0
        var endTicks: Int64 = 0
        var rssKilobytes = 0
        var anonKilobytes = 0
    }

    static func measure(seconds: Int, settle: Int) throws {
        let folder = try BenchEnvironment.temporaryFolder("kiosk-bench-idle")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (daemon, _) = try BenchEnvironment.startSimulation(folder: folder)
        defer { daemon.stop() }
        let barePort = try BenchEnvironment.freePort()
        let bare = try BenchProcess(
            "kiosk-bare-server", BenchEnvironment.product("kiosk-bare-server"), ["127.0.0.1:\(barePort)"], logPath: folder + "/bare.log")
        defer { bare.stop() }
        try AlertLatencyBenchmark.waitFor("kiosk-bare-server answering", timeout: 20) {
            (try? BenchHTTP.request("GET", "http://127.0.0.1:\(barePort)/health").status) == 200
        }
        var subjects = [Subject(name: "kioskd", pid: daemon.pid), Subject(name: "bare", pid: bare.pid)]
        var absent: [String] = []
        for name in ["cupsd", "pcscd"] {
            if let pid = runningProcess(named: name) { subjects.append(Subject(name: name, pid: pid)) } else { absent.append(name) }
        }
        Swift.print("idle-cost: settling \(settle) s, then measuring \(seconds) s (\(BenchEnvironment.build) kioskd --simulate: 6 emulated devices, 21 services)…")
        fflush(nil)
        sleep(UInt32(settle))

        for index in subjects.indices { subjects[index].startTicks = try cpuTicks(subjects[index].pid) }
        let start = ContinuousClock.now
        sleep(UInt32(seconds))
        let window = ContinuousClock.now - start
        let windowSeconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        for index in subjects.indices {
            subjects[index].endTicks = try cpuTicks(subjects[index].pid)
            (subjects[index].rssKilobytes, subjects[index].anonKilobytes) = try memory(subjects[index].pid)
        }
        guard daemon.process.isRunning else { throw BenchFailure("kioskd exited during the window:\n\(daemon.logTail)") }

        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        func cpuPercent(_ subject: Subject) -> Double { Double(subject.endTicks - subject.startTicks) / ticksPerSecond / windowSeconds * 100 }
        for subject in subjects {
            let label = subject.name
            BenchTable.row("\(label)-cpu", cpuPercent(subject), decimals: 3, "%", "\(label): CPU share of one core over \(Int(windowSeconds.rounded())) s idle")
            BenchTable.row("\(label)-rss", Double(subject.rssKilobytes) / 1024, decimals: 1, "MiB", "\(label): VmRSS")
            BenchTable.row("\(label)-anon", Double(subject.anonKilobytes) / 1024, decimals: 1, "MiB", "\(label): RssAnon")
        }
        for name in absent { Swift.print(BenchTable.column(name) + "  not running (start it: source scripts/test-services.d/\(name == "cupsd" ? "cupsd" : "pcscd").sh)") }

        let kioskd = subjects[0], baseline = subjects[1]
        let rssRatio = Double(kioskd.rssKilobytes) / Double(max(baseline.rssKilobytes, 1))
        let anonRatio = Double(kioskd.anonKilobytes) / Double(max(baseline.anonKilobytes, 1))
        BenchTable.row("rss-ratio", rssRatio, decimals: 2, "×", "kioskd VmRSS / bare server VmRSS")
        BenchTable.row("anon-ratio", anonRatio, decimals: 2, "×", "kioskd RssAnon / bare server RssAnon")
        let cpu = cpuPercent(kioskd)
        Swift.print(String(format: "GOAL %@: kioskd CPU %.3f %% of a core, goal ≤ %.1f %%", cpu <= goalCPUPercent ? "MET" : "MISSED", cpu, goalCPUPercent))
        Swift.print(String(format: "GOAL %@: RSS %.2f× the bare server, goal ≤ %.1f×", rssRatio <= goalRSSRatio ? "MET" : "MISSED", rssRatio, goalRSSRatio))
        Swift.print(String(format: "GOAL %@: RssAnon %.2f× the bare server, goal ≤ %.1f×", anonRatio <= goalAnonRatio ? "MET" : "MISSED", anonRatio, goalAnonRatio))
    }

    /// utime + stime of a process, in clock ticks (/proc/PID/stat fields 14 and 15).
    static func cpuTicks(_ pid: Int32) throws -> Int64 {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = text.lastIndex(of: ")") else {
            throw BenchFailure("cannot read /proc/\(pid)/stat (did the process exit?)")
        }
        // After "pid (comm)" come fields 3…; utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int64(fields[11]), let system = Int64(fields[12]) else {
            throw BenchFailure("unexpected /proc/\(pid)/stat: \(text.prefix(120))")
        }
        return user + system
    }

    /// VmRSS and RssAnon of a process in kB, from /proc/PID/status.
    static func memory(_ pid: Int32) throws -> (rss: Int, anon: Int) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else {
            throw BenchFailure("cannot read /proc/\(pid)/status (did the process exit?)")
        }
        func field(_ name: String) -> Int {
            let line = text.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return (field("VmRSS"), field("RssAnon"))
    }

    /// The pid of a running process whose command name is `name` (the oldest, when several run).
    static func runningProcess(named name: String) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let pids = entries.compactMap { Int32($0) }.filter { pid in
            ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines) == name
        }
        return pids.min()
    }
}
