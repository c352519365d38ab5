import ArgumentParser
import Foundation
import KioskCore
import KioskDevices
import KioskTransport
import Logging

/// `kiosk-bench idcard`: ID-card read through the driver against the paced emulator (time / wire time).
///
/// The emulator runs as `kiosk-emulator idcard --paced` (kiosk-bench does not link KioskEmulators), found beside
/// kiosk-bench; it answers at the pace of a real line, so a read can take no less than its wire time: every byte both
/// ways × 10 bits / baud. The ratio of the measured time to that is the driver's overhead (goal ≤ 1.02).
struct IDCardBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "idcard", abstract: "ID-card read through the driver against the paced emulator (time / wire time)")

    /// The goal for read time / wire time.
    static let goalRatio = 1.02
    /// The fictional cards read in turn.
    static let cards = ["zhang", "li", "wang", "ouyang"]

    @Option(help: "Number of card reads.") var reads = 20
    @Option(help: "Baud rate of the modelled serial line.") var baud = 115_200
    @Option(help: "The kiosk-emulator executable (default: the one beside kiosk-bench).") var emulator: String?
    @Flag(help: "Let the emulator answer at once: the time per read is then the driver's and the pty's own.") var unpaced = false

    func validate() throws {
        guard reads >= 1 else { throw ValidationError("--reads must be at least 1") }
        guard SerialSettings.standardBaudRates.contains(baud) else { throw ValidationError("--baud must be a standard rate") }
    }

    func run() async throws {
        let executable = emulator ?? Self.besideSelf("kiosk-emulator")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw ValidationError("no kiosk-emulator at \(executable): build it first (swift build -c release --product kiosk-emulator) or pass --emulator")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-bench-idcard-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = folder + "/idcard"

        let child = try ControlledChild(executable, ["idcard", "--pty", link, "--baud", "\(baud)"] + (unpaced ? [] : ["--paced"]))
        defer { child.stop() }
        _ = try child.readLine()  // "ready /dev/pts/N"

        let logger = Logger(label: "kiosk-bench.idcard", factory: { _ in SwiftLogNoOpLogHandler() })
        let reader = try await IDCardReader.open(
            serial: SerialPort(path: link, settings: SerialSettings(baud: baud)),
            configuration: IDCardReaderConfiguration(baud: baud), logger: logger
        )
        // One read to warm up (not measured), then the byte counts start from here.
        _ = try child.command("present \(Self.cards[0])")
        _ = try await reader.read()
        _ = try child.command("lift")
        let before = try child.traffic()

        let clock = ContinuousClock()
        var elapsed = Duration.zero
        for index in 0..<reads {
            _ = try child.command("present \(Self.cards[index % Self.cards.count])")
            let start = clock.now
            _ = try await reader.read()
            elapsed += clock.now - start
            _ = try child.command("lift")
        }
        let after = try child.traffic()
        await reader.close()

        let bytes = (after.received - before.received) + (after.sent - before.sent)
        let wire = IDCardFrame.wireTime(byteCount: bytes, baud: baud)
        let ratio = seconds(elapsed) / seconds(wire)
        let pacing = unpaced ? "emulator unpaced" : "paced at \(baud) baud"
        report("idcard-read", elapsed / reads, "per read, find+select+read+address (\(reads) reads, \(pacing))")
        guard !unpaced else { return }
        report("idcard-wire", wire / reads, "wire time per read (\(bytes / reads) bytes both ways × 10 bits / \(baud))")
        BenchTable.row("idcard-ratio", ratio, decimals: 4, "  ", String(format: "time / wire time (goal ≤ %.2f): ", Self.goalRatio) + (ratio <= Self.goalRatio ? "met" : "NOT met"))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// A program in the folder kiosk-bench runs from.
    static func besideSelf(_ name: String) -> String {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent(name).path
    }
}

/// A child process driven by lines: one line in, one line back.
private final class ControlledChild {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var pending = Data()

    init(_ executable: String, _ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    /// The next line the child prints.
    func readLine() throws -> String {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure(description: "kiosk-emulator ended early (status \(process.isRunning ? "running" : "\(process.terminationStatus)"))") }
            pending.append(chunk)
        }
    }

    /// Sends `line` and returns the child's answer; an answer starting with `error` is thrown.
    func command(_ line: String) throws -> String {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
        let answer = try readLine()
        if answer.hasPrefix("error") { throw Failure(description: "kiosk-emulator: \(answer)") }
        return answer
    }

    /// The emulator's byte counts, from its `status` line (`…; R bytes received, S sent; …`).
    func traffic() throws -> (received: Int, sent: Int) {
        let status = try command("status")
        let numbers = status.split(separator: ";").dropFirst().first?.split(separator: " ").compactMap { Int($0) } ?? []
        guard numbers.count == 2 else { throw Failure(description: "unexpected status line from kiosk-emulator: \(status)") }
        return (numbers[0], numbers[1])
    }

    /// Ends the child: end of input unplugs the emulator; it is killed if it lingers.
    func stop() {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
    }
}
