import ArgumentParser
import Foundation
import KioskEmulators

#if canImport(Glibc)
import Glibc
#endif

/// `kiosk-emulator printer`: an ESC/POS receipt printer on the far side of a pseudo-terminal.
///
/// Prints `ready <slave>` once the link exists, then takes control lines on stdin:
/// `paper out|ok|near-end`, `cover open|closed`, `offline on|off`, `cutter error|ok`,
/// `paper runs-out N` (after N more printed lines), `quit`. Answers each with `ok …` or `error …`.
/// Runs until `quit`, SIGINT or SIGTERM (end of stdin does not stop it).
struct PrinterEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printer",
        abstract: "Emulate an ESC/POS receipt printer on a pseudo-terminal.",
        discussion: """
            Control lines on stdin: paper out|ok|near-end, cover open|closed, offline on|off, \
            cutter error|ok, paper runs-out N, quit.
            """
    )

    @Option(help: "The symbolic link to create to the pseudo-terminal's slave (the printer's port).")
    var pty: String
    @Flag(help: "Take bytes no faster than a serial wire at --baud (10 bits a byte).")
    var paced = false
    @Option(help: "Baud rate modelled with --paced.")
    var baud = 115_200
    @Option(help: "Append what is printed to this file, one tab-separated line per entry.")
    var transcript: String?

    func validate() throws {
        guard baud > 0 else { throw ValidationError("--baud must be positive") }
    }

    func run() async throws {
        let sink = try transcript.map(TranscriptSink.init(path:))
        let emulator: PrinterEmulator
        do {
            emulator = try await PrinterEmulator.start(linkPath: pty, paced: paced, baud: baud) { entry in sink?.write(entry) }
        } catch {
            FileHandle.standardError.write(Data("kiosk-emulator printer: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let signals = Self.stopSignals()
        say("ready \(emulator.slavePath)")

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await line in Self.standardInputLines() {
                    if line.trimmingCharacters(in: .whitespaces) == "quit" { return }
                    say(await Self.apply(line, to: emulator))
                }
                // End of stdin: keep printing until a signal.
                for await _ in signals { return }
            }
            group.addTask {
                for await _ in signals { return }
            }
            await group.next()
            group.cancelAll()
        }
        await emulator.stop()
    }

    /// Carries out one control line; returns the answer to print.
    static func apply(_ line: String, to emulator: PrinterEmulator) async -> String {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        let change: PrinterEmulator.Change
        switch (words.first, words.dropFirst().first, words.count) {
        case ("paper", "out", 2): change = .paper(.out)
        case ("paper", "ok", 2): change = .paper(.ok)
        case ("paper", "near-end", 2): change = .paper(.nearEnd)
        case ("paper", "runs-out", 3):
            guard let lines = Int(words[2]), lines >= 0 else { return "error: paper runs-out needs a number of lines" }
            change = .paperRunsOut(afterLines: lines)
        case ("cover", "open", 2): change = .coverOpen(true)
        case ("cover", "closed", 2): change = .coverOpen(false)
        case ("offline", "on", 2): change = .offline(true)
        case ("offline", "off", 2): change = .offline(false)
        case ("cutter", "error", 2): change = .cutterError(true)
        case ("cutter", "ok", 2): change = .cutterError(false)
        case (nil, _, _): return "error: empty line"
        default:
            return "error: unknown control line \"\(line)\"; use paper out|ok|near-end, paper runs-out N, cover open|closed, offline on|off, cutter error|ok, quit"
        }
        await emulator.set(change)
        return "ok \(words.joined(separator: " "))"
    }

    /// Lines from stdin, read on a thread of their own (reading blocks).
    static func standardInputLines() -> AsyncStream<String> {
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let reader = Thread {
            while let line = readLine() { continuation.yield(line) }
            continuation.finish()
        }
        reader.name = "kiosk-emulator-stdin"
        reader.start()
        return lines
    }

    /// SIGINT and SIGTERM as a stream (their default action is turned off).
    static func stopSignals() -> AsyncStream<Int32> {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            // Kept for the life of the process.
            SignalSources.keep(source)
        }
        return stream
    }
}

/// Signal sources must outlive the function that made them.
private enum SignalSources {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let lock = NSLock()

    static func keep(_ source: any DispatchSourceSignal) {
        lock.withLock { sources.append(source) }
    }
}

/// Appends transcript entries to a file, one line each, as they are printed.
private final class TranscriptSink: Sendable {
    private let handle: FileHandle

    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("cannot open --transcript \(path) for writing")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    func write(_ entry: PrinterTranscript.Entry) {
        handle.write(Data((entry.description + "\n").utf8))
    }
}

/// Writes a line to stdout unbuffered. (Not print + fflush(nil): fflush(nil) also locks stdin, which
/// the reader thread holds while it waits in readLine.)
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
