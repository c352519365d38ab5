import Foundation

/// A child process driven by lines: commands written to its standard input, answers read line by line from its
/// standard output (the test emulators' control protocol: kiosk-emulator, the vicc card).
public final class LineChild: @unchecked Sendable {
    /// Why the child could not be driven.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    private let process = Process()
    private let input = Pipe()
    private let name: String
    private var iterator: AsyncStream<String>.Iterator

    /// Starts `executable` with `arguments`; its standard error goes to `standardError` (discarded by default).
    public init(_ executable: String, _ arguments: [String] = [], standardError: FileHandle? = FileHandle.nullDevice) throws {
        name = URL(fileURLWithPath: executable).lastPathComponent
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        if let standardError { process.standardError = standardError }
        let (stream, continuation) = AsyncStream<String>.makeStream()
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

    /// The next line the child prints.
    public func line() async throws -> String {
        var iterator = iterator
        defer { self.iterator = iterator }
        guard let line = await iterator.next() else { throw Failure(description: "\(name) ended its output") }
        return line
    }

    /// Sends one command line and returns the answer line; with `expected`, any other answer is an error.
    @discardableResult
    public func send(_ command: String, expecting expected: String? = nil) async throws -> String {
        input.fileHandleForWriting.write(Data((command + "\n").utf8))
        let answer = try await line()
        if let expected, answer != expected { throw Failure(description: "\(name) answered `\(command)` with \(answer)") }
        return answer
    }

    /// Writes `command` without waiting for an answer and waits for the child to exit, blocking the thread (for `defer`).
    public func finish(with command: String) {
        guard process.isRunning else { return }
        input.fileHandleForWriting.write(Data((command + "\n").utf8))
        process.waitUntilExit()
    }

    /// Closes the child's standard input (the emulators take it as "quit").
    public func endInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Whether the child still runs.
    public var isRunning: Bool { process.isRunning }

    /// Waits for the child to exit and returns its status.
    public func exitStatus() async throws -> Int32 {
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        return process.terminationStatus
    }

    /// Ends the child with SIGTERM if it still runs.
    public func terminate() {
        if process.isRunning { process.terminate() }
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
            data.removeSubrange(data.startIndex...newline)
        }
        return lines
    }
}
