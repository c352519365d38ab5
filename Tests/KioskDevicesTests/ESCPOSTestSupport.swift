import Foundation
import KioskCore
import KioskTransport
import Logging
import Synchronization
@testable import KioskDevices
@testable import KioskEmulators

#if canImport(Glibc)
import Glibc
#endif

/// Helpers of the ESC/POS tests: a temporary folder, the emulated printer with kioskd's driver on
/// it over a real pseudo-terminal, and child processes.
enum ESCPOSTestSupport {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Short timeouts, so that a test that waits for nothing fails fast.
    static let configuration = ESCPOSConfiguration(
        paperWidth: .mm80,
        timing: .init(statusTimeout: .seconds(1), completionTimeout: .seconds(2), pollInterval: .milliseconds(100), strayGrace: .milliseconds(100)))

    static let logger = Logger(label: "escpos-test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A fresh folder under /tmp, removed after `body`.
    static func withTemporaryFolder<T>(_ body: (String) async throws -> T) async throws -> T {
        var template = Array("\(NSTemporaryDirectory())/kiosk-escpos-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw Failure(description: "mkdtemp failed: errno \(errno)")
        }
        let folder = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await body(folder)
    }

    /// An emulated printer on a pty and kioskd's driver on its link.
    static func withPrinter(
        paced: Bool = false,
        configuration: ESCPOSConfiguration = configuration,
        counters: (any DeviceCounterStore)? = nil,
        _ body: (PrinterEmulator, ESCPOSPrinter) async throws -> Void
    ) async throws {
        try await withTemporaryFolder { folder in
            let emulator = try await PrinterEmulator.start(linkPath: folder + "/printer", paced: paced)
            do {
                let printer = try await open(emulator.linkPath, configuration: configuration, counters: counters)
                do {
                    try await body(emulator, printer)
                } catch {
                    await printer.close()
                    throw error
                }
                await printer.close()
            } catch {
                await emulator.stop()
                throw error
            }
            await emulator.stop()
        }
    }

    static func open(_ path: String, configuration: ESCPOSConfiguration = configuration, counters: (any DeviceCounterStore)? = nil) async throws -> ESCPOSPrinter {
        try await ESCPOSPrinter.open(
            serial: SerialPort(path: path, settings: SerialSettings(baud: 115_200)), deviceID: "receipt-printer",
            configuration: configuration, counters: counters, logger: logger)
    }

    /// A receipt of `lines` numbered lines after a title, with a QR code and a cut.
    static func receipt(lines: Int = 3, qr: QRCode = QRCode("https://zw.example.gov.cn/r/7Q2K")) -> Receipt {
        var receipt = Receipt([.text("凭条测试", style: TextStyle(size: .double, bold: true, alignment: .center))])
        for number in 1...max(lines, 1) {
            receipt.append(.text("第\(number)行：示例"))
        }
        receipt.append(.separator())
        receipt.append(.qrCode(qr))
        receipt.append(.cut())
        return receipt
    }

    /// The error `body` throws, nil when it throws none.
    static func error<T>(_ body: () async throws -> T) async -> PrinterError? {
        do {
            _ = try await body()
            return nil
        } catch let error as PrinterError {
            return error
        } catch {
            return .unavailable(device: "test", reason: "not a PrinterError: \(error)")
        }
    }

    /// A built executable of this package, beside the test bundle.
    static func executable(_ name: String) throws -> String {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: runner).deletingLastPathComponent()
        // The test bundle may be inside a .xctest folder.
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        throw Failure(description: "\(name) is not built beside the tests: run `swift build --build-tests` (it builds every product)")
    }

    /// A file under Tests/Helpers/escpos.
    static func helper(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Helpers/escpos/\(name)").standardized.path
    }

    /// The USB colleague's description of printer 0416:5011 on port 1-1.4 (/dev/bus/usb/001/002).
    static var usbPrinterDescription: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../KioskTransportTests/Recordings/USB/printer.umockdev").standardized.path
    }
}

/// A child process with its standard streams on pipes, read by threads of their own; killed when
/// the test drops it.
final class ESCPOSChild: Sendable {
    let process: Process
    private let input = Pipe()
    private let output = ESCPOSPipeReader()
    private let errors = ESCPOSPipeReader()

    init(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output.pipe
        process.standardError = errors.pipe
        try process.run()
        self.process = process
        output.start()
        errors.start()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// The next line of standard output, waiting up to `timeout`.
    func readLine(timeout: Duration = .seconds(10)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = output.takeLine() { return line }
            if output.ended { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw ESCPOSTestSupport.Failure(description: "no line from \(process.executableURL?.lastPathComponent ?? "the child") within \(timeout); stderr: \(errors.text)")
    }

    /// Waits for the child to exit (killing it after `timeout`); returns its status and the rest of its output.
    func finish(timeout: Duration = .seconds(20)) async -> (status: Int32, stdout: String, stderr: String) {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        while !(output.ended && errors.ended), ContinuousClock.now < deadline + .seconds(2) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return (process.terminationStatus, output.text, errors.text)
    }
}

/// Reads a pipe to its end on a thread, keeping what came.
final class ESCPOSPipeReader: Sendable {
    let pipe = Pipe()
    private let state = Mutex<(data: Data, taken: Int, ended: Bool)>((Data(), 0, false))

    func start() {
        let handle = pipe.fileHandleForReading
        let thread = Thread { [self] in
            while true {
                let chunk = handle.availableData
                let empty = chunk.isEmpty
                state.withLock { state in
                    state.data += chunk
                    if empty { state.ended = true }
                }
                if empty { return }
            }
        }
        thread.start()
    }

    var ended: Bool { state.withLock { $0.ended } }

    /// Everything not yet taken as a line.
    var text: String {
        state.withLock { String(decoding: $0.data[$0.taken...], as: UTF8.self) }
    }

    /// The next whole line, if one has come.
    func takeLine() -> String? {
        state.withLock { state in
            let rest = state.data[state.taken...]
            guard let newline = rest.firstIndex(of: 0x0A) else { return nil }
            state.taken = newline + 1
            return String(decoding: rest[rest.startIndex..<newline], as: UTF8.self)
        }
    }
}
