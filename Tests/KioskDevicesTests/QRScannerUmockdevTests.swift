import Foundation
import KioskEmulators
import Testing

/// The keyboard-mode driver against an evdev node emulated by umockdev, with a scanner's key events replayed from
/// Tests/Helpers/qrscanner/hid-codes.events (`umockdev-run -e`). umockdev works by LD_PRELOAD into a process it
/// starts, so the driver runs in `kiosk-emulator scanner read-hid`, and the test reads its JSON lines.
@Suite(
    "QR scanner keyboard mode on a umockdev evdev node",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-run"), "needs umockdev-run (Debian package umockdev)")
)
struct QRScannerUmockdevTests {
    typealias Line = HIDScannerReadout.Line

    @Test("the node opens and is grabbed, and the replayed keys give a case number, a rejection and a redacted e-voucher")
    func replay() async throws {
        // Given the scanner's node and its recorded typing.
        let arguments = [
            "-d", QRScannerTestSupport.helper("hid-scanner.umockdev"),
            "-e", "/dev/input/event5=" + QRScannerTestSupport.helper("hid-codes.events"),
            "--", QRScannerTestSupport.product("kiosk-emulator"), "scanner", "read-hid", "--device", "/dev/input/event5", "--count", "3",
        ]

        // When the driver reads three codes from it.
        let (status, output) = try await Self.run("/usr/bin/umockdev-run", arguments)

        // Then it opened and grabbed the node (a failed grab ends before "opened"), and read them in order.
        let lines = try output.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        #expect(status == 0)
        #expect(lines.map(\.event) == ["opened", "scanned", "rejected", "scanned", "ended"])
        #expect(lines.dropFirst().first == Line(event: "scanned", kind: "case-number", length: 13, text: "NR2024-000123", redacted: "case number (13 chars)"))
        #expect(lines.dropFirst(2).first?.error?.contains("key code 59") == true)
        #expect(lines.dropFirst(3).first == Line(event: "scanned", kind: "medical-voucher", length: 36, redacted: "medical e-voucher (36 chars, redacted)"))
        #expect(lines.last == Line(event: "ended"))
        #expect(!output.contains("QkR3Zm9y"))
    }

    /// Runs a program, killing it after 20 s; returns its exit status and standard output.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + .seconds(20)
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw QRScannerTestSupport.Failure(description: "`\(executable) \(arguments.joined(separator: " "))` did not exit within 20 s")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return (process.terminationStatus, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
