import Foundation

/// The virtual social-security card of Tests/Helpers/vicc as a child process (`insert`, `remove`, each answered by one
/// line), on vpcd's reader "Virtual PCD" of the pcscd that scripts/test-services.d/pcscd.sh started.
public final class VirtualSocialSecurityCard: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible { public let description: String }

    /// The holder on the card (Tests/Helpers/vicc/ssse_card.py): name, social-security (ID) number, card number.
    public static let holderName = "张三丰"
    public static let socialSecurityNumber = "110101199003070019"
    public static let cardNumber = "S99000001"

    private let process = Process()
    private let input = Pipe()
    private var iterator: AsyncStream<String>.Iterator

    /// Starts the card process and waits for its "ready"; fails (never skips) when pcscd.sh did not run.
    public init() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard environment["KIOSK_TEST_PCSC"] == "1", let launcher = environment["KIOSK_TEST_PCSC_VICC"] else {
            throw Failure(description: "KIOSK_TEST_PCSC / KIOSK_TEST_PCSC_VICC are not set: run `source scripts/test-services.d/pcscd.sh` (scripts/run-tests does) first")
        }
        process.executableURL = URL(fileURLWithPath: launcher)
        process.standardInput = input
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream<String>.makeStream()
        iterator = stream.makeAsyncIterator()
        let pending = PendingText()
        output.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if chunk.isEmpty {
                handle.readabilityHandler = nil
                continuation.finish()
                return
            }
            for line in pending.lines(adding: chunk) { continuation.yield(line) }
        }
        try process.run()
        let first = try await nextLine()
        guard first == "ready" else { throw Failure(description: "vicc said \(first) instead of ready") }
    }

    /// Puts the card into the reader.
    public func insert() async throws { try await send("insert", expecting: "inserted") }

    /// Takes the card out.
    public func remove() async throws { try await send("remove", expecting: "removed") }

    private func send(_ command: String, expecting expected: String) async throws {
        input.fileHandleForWriting.write(Data((command + "\n").utf8))
        let line = try await nextLine()
        if line != expected { throw Failure(description: "vicc answered `\(command)` with \(line)") }
    }

    private func nextLine() async throws -> String {
        var iterator = iterator
        defer { self.iterator = iterator }
        guard let line = await iterator.next() else { throw Failure(description: "vicc ended") }
        return line
    }

    /// Ends the process (the card leaves the reader).
    public func stop() {
        guard process.isRunning else { return }
        input.fileHandleForWriting.write(Data("quit\n".utf8))
        process.waitUntilExit()
    }
}

/// Bytes read so far, split into lines (used from FileHandle's reading thread only).
private final class PendingText: @unchecked Sendable {
    private var data = Data()

    func lines(adding chunk: Data) -> [String] {
        data.append(chunk)
        var lines: [String] = []
        while let newline = data.firstIndex(of: 0x0A) {
            lines.append(String(decoding: data[data.startIndex..<newline], as: UTF8.self))
            data = Data(data[(newline + 1)...])
        }
        return lines
    }
}
