import Foundation
import KioskCore
import KioskDevices
import KioskEmulators
import KioskTransport
import Testing

/// `kiosk-emulator scanner`: standard input lines become scans on a pseudo-terminal that the real driver reads.
@Suite("QR scanner emulator command")
struct QRScannerEmulatorCommandTests {
    @Test("control lines", arguments: [
        ("NR2024-000123", QRScannerControlLine.scan("NR2024-000123")),
        ("scan https://a.cn/v?c=1", .scan("https://a.cn/v?c=1")),
        ("scan  two spaces", .scan(" two spaces")),
        ("4006381333931\r", .scan("4006381333931")),
        ("", .ignore),
        ("\r", .ignore),
    ])
    func controlLines(line: String, parsed: QRScannerControlLine) {
        #expect(QRScannerControlLine(parsing: line) == parsed)
    }

    @Test("each stdin line arrives as a scan through the pty link, and the end of input unplugs the scanner")
    func stdinLinesBecomeScans() async throws {
        try await QRScannerTestSupport.withDeadline(.seconds(20)) {
            let folder = try QRScannerTestSupport.makeFolder()
            defer { QRScannerTestSupport.removeFolder(folder) }
            let link = folder + "/qrscanner"

            // Given the emulator command running with a CR terminator.
            let process = Process()
            process.executableURL = URL(fileURLWithPath: QRScannerTestSupport.product("kiosk-emulator"))
            process.arguments = ["scanner", "--pty", link, "--terminator", "cr"]
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            while !FileManager.default.fileExists(atPath: link) { try await Task.sleep(for: .milliseconds(10)) }

            // When the driver reads the link, and three lines are written to the command.
            let scanner = SerialQRScanner(
                port: SerialPort(path: link), options: QRScannerOptions(terminator: .cr), logger: QRScannerTestSupport.logger)
            let events = try await scanner.events()
            var iterator = events.makeAsyncIterator()
            input.fileHandleForWriting.write(Data("NR2024-000123\nscan 4006381333931\n\nhttps://a.cn/v\n".utf8))

            // Then three codes arrive in order.
            var received: [QRScannerEvent] = []
            for _ in 0..<3 {
                if let event = try await iterator.next() { received.append(event) }
            }
            #expect(received == ["NR2024-000123", "4006381333931", "https://a.cn/v"].map(QRScannerTestSupport.scanned))

            // When its input ends.
            try input.fileHandleForWriting.close()

            // Then the scanner is unplugged: the sequence ends with .disconnected and the command exits cleanly.
            await #expect(throws: QRScannerError.disconnected(path: link)) { try await iterator.next() }
            while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
            #expect(process.terminationStatus == 0)
            #expect(!FileManager.default.fileExists(atPath: link))
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(printed.hasPrefix("ready /dev/pts/"))
        }
    }
}
