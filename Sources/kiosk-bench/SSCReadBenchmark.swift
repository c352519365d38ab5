import ArgumentParser
import Foundation
import KioskDevices
import Logging

/// `kiosk-bench ssc-read`: a social-security card read (select + EF05 + EF06) through kioskd's reader, and the same
/// APDUs sent by pyscard, on the same virtual card in the same run (time per read, kioskd / pyscard; goal ≤ 1.0).
///
/// The card is Tests/Helpers/vicc's virtual social-security card (run by bench/ssc_card_quickack.py, which removes the
/// loopback's 40 ms delayed-ACK wait per APDU that neither side could help) in vsmartcard's vpcd. When no pcscd with
/// the "Virtual PCD" reader answers, kiosk-bench starts one through scripts/test-services.d/pcscd.sh and stops it at
/// the end. kioskd's side times `SocialSecurityCardReader.readCard()` (exclusive connect, the APDUs, decoding); the
/// pyscard side (bench/ssc_read_pyscard.py, Debian's python3-pyscard) times connect and the same APDUs, given to it from
/// kioskd's codec. Neither times the disconnect. The card counts the APDUs each side sent: they must be equal.
struct SSCReadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ssc-read", abstract: "Social-security card read through kioskd's reader / pyscard on the same virtual card")

    /// The goal for kioskd's time / pyscard's time.
    static let goalRatio = 1.0
    /// vpcd's first slot, where the virtual card goes.
    static let reader = "Virtual PCD 00 00"

    @Option(help: "Reads on each side (after one warm-up read each).") var rounds = 50
    @Option(help: "The Python with pyscard (Debian's python3-pyscard).") var python = "/usr/bin/python3"

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
    }

    func run() async throws {
        let root = try HotplugBenchmark.repositoryRoot()
        let pcscd = try await PCSCService.ensure(root: root)
        defer { pcscd.stop() }
        let card = try VirtualCardProcess(python, root + "/bench/ssc_card_quickack.py")
        defer { card.stop() }
        _ = try card.readLine()  // "ready"
        _ = try card.command("insert")

        // kioskd: the reader as the device runtime runs it. The first read may come before pcscd has powered the card
        // just inserted: it is retried (for up to 5 s) and not measured.
        let logger = Logger(label: "kiosk-bench.ssc", factory: { _ in SwiftLogNoOpLogHandler() })
        let reader = SocialSecurityCardReader(configuration: SocialSecurityReaderConfiguration(readerPrefix: Self.reader), logger: logger)
        await reader.start()
        _ = try await reader.waitForCard(timeout: .seconds(10))
        try await Self.warmUp(reader)

        // Both sides in turn, in blocks, so that a busy moment of the machine falls on both alike.
        var kioskd: [Double] = []
        var pyscard: [Double] = []
        var apdusPerRead: Int?
        let blocks = min(Self.blocks, rounds)
        for block in 0..<blocks {
            let count = rounds / blocks + (block < rounds % blocks ? 1 : 0)
            let before = try card.apdus()
            for _ in 0..<count {
                let start = ContinuousClock.now
                _ = try await reader.readCard()  // personal data: dropped at once, never printed
                kioskd.append(Self.seconds(ContinuousClock.now - start))
                await reader.endSession()
            }
            let middle = try card.apdus()
            let yardstick = try Self.runPyscard(python, script: root + "/bench/ssc_read_pyscard.py", rounds: count)
            let after = try card.apdus()
            pyscard += yardstick.seconds
            // The card's own count: kioskd's reads, and pyscard's with its warm-up round.
            guard middle - before == yardstick.apdus * count, after - middle == yardstick.apdus * (count + 1) else {
                throw ValidationError("the card answered \(middle - before) APDUs for kioskd's \(count) reads and \(after - middle) for pyscard's \(count + 1): not the same exchange")
            }
            apdusPerRead = yardstick.apdus
        }
        await reader.stop()
        let apdus = apdusPerRead ?? 0
        let ours = Self.median(kioskd)
        let theirs = Self.median(pyscard)
        let ratio = ours / theirs
        BenchTable.row("ssc-kioskd", ours * 1e3, decimals: 2, "ms", "per read through kioskd's reader, median of \(rounds) (connect + \(apdus) APDUs + decode)")
        BenchTable.row("ssc-pyscard", theirs * 1e3, decimals: 2, "ms", "per read by pyscard, median of \(rounds) (connect + the same \(apdus) APDUs)")
        BenchTable.row("ssc-ratio", ratio, decimals: 3, "  ", String(format: "kioskd / pyscard (goal ≤ %.1f): ", Self.goalRatio) + (ratio <= Self.goalRatio ? "met" : "NOT met"))
    }

    /// Blocks of reads each side runs in turn.
    static let blocks = 5

    /// One read that is not measured, retried while the card just inserted is not powered yet.
    static func warmUp(_ reader: SocialSecurityCardReader) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while true {
            do {
                _ = try await reader.readCard()
                await reader.endSession()
                return
            } catch {
                await reader.endSession()
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// The commands of a read as kioskd's codec has them (GET RESPONSE and corrected Le follow from the status words).
    static var commands: [[UInt8]] {
        var commands = [SocialSecurityCommand.selectApplication.bytes]
        for file in SocialSecurityCommand.File.allCases {
            commands.append(SocialSecurityCommand.select(file).bytes)
            commands += SocialSecurityField.fields(of: file).map { SocialSecurityCommand.readRecord($0).bytes }
        }
        return commands
    }

    /// Runs the pyscard side and reads its JSON line.
    static func runPyscard(_ python: String, script: String, rounds: Int) throws -> (seconds: [Double], apdus: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, reader, "\(rounds)"] + commands.map { $0.map { String(format: "%02X", $0) }.joined() }
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        struct Result: Decodable { var seconds: [Double]; var apdus: Int }
        guard process.terminationStatus == 0, let result = try? JSONDecoder().decode(Result.self, from: data) else {
            throw ValidationError("\(script) failed (status \(process.terminationStatus)); is python3-pyscard installed (scripts/apt.d/pcsc.list)?")
        }
        return (result.seconds, result.apdus)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// pcscd with vpcd for the benchmark: the one running, or one started by scripts/test-services.d/pcscd.sh.
private struct PCSCService {
    /// The pid of the pcscd this benchmark started (nil: it found one running).
    var started: Int32?

    static func ensure(root: String) async throws -> PCSCService {
        if let readers = try? await PCSCContext.establish().readers(), readers.contains(where: { $0.hasPrefix(SSCReadBenchmark.reader) }) {
            return PCSCService(started: nil)
        }
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/bash")
        shell.arguments = ["-c", "on_exit() { :; }; source scripts/test-services.d/pcscd.sh"]
        shell.currentDirectoryURL = URL(fileURLWithPath: root)
        try shell.run()
        shell.waitUntilExit()
        let pid = (try? String(contentsOfFile: root + "/test-output/services/pcscd/pid", encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard shell.terminationStatus == 0, let pid else {
            throw ValidationError("pcscd with vpcd did not start (scripts/test-services.d/pcscd.sh; needs pcscd and vsmartcard-vpcd from scripts/apt.d/pcsc.list)")
        }
        return PCSCService(started: pid)
    }

    /// SIGTERM, then SIGKILL after 3 s: pcscd may hang in vpcd's socket on SIGTERM (pcscd.sh says so too).
    func stop() {
        guard let started else { return }
        kill(started, SIGTERM)
        let deadline = Date().addingTimeInterval(3)
        while kill(started, 0) == 0 && Date() < deadline { usleep(50_000) }
        if kill(started, 0) == 0 { kill(started, SIGKILL) }
    }
}

/// The virtual card (bench/ssc_card_quickack.py), driven by lines: one command in, one line back.
private final class VirtualCardProcess {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending = Data()

    init(_ python: String, _ script: String) throws {
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-u", script]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// The next line the card prints.
    func readLine() throws -> String {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ValidationError("the virtual card ended early (bench/ssc_card_quickack.py; needs python3-virtualsmartcard and python3-pycryptodome)") }
            pending.append(chunk)
        }
    }

    /// Sends `line`; an answer starting with `error` is thrown.
    func command(_ line: String) throws -> String {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        let answer = try readLine()
        if answer.hasPrefix("error") { throw ValidationError("virtual card: \(answer)") }
        return answer
    }

    /// APDUs the card answered so far.
    func apdus() throws -> Int {
        let answer = try command("apdus")
        guard let count = answer.split(separator: " ").last.flatMap({ Int($0) }) else { throw ValidationError("virtual card: unexpected \(answer)") }
        return count
    }

    /// Ends the card: `quit`, then a kill if it lingers.
    func stop() {
        input.fileHandleForWriting.write(Data("quit\n".utf8))
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
    }
}
