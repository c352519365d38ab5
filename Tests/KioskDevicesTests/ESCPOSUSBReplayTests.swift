import Foundation
import Testing

/// kioskd's ESC/POS driver over libusb against umockdev replays of printer 0416:5011
/// (Tests/Helpers/escpos/*.ioctl, written by generate.py there from the ESC/POS reference).
///
/// umockdev works by LD_PRELOAD, so the driver runs in `kiosk-bench receipt usb-print` under
/// `umockdev-run`, never in the test runner; umockdev compares every byte of each bulk OUT with the
/// recording, so a job that differs by one byte, or that is sent when it should not be, fails.
@Suite("ESC/POS over USB (umockdev replay)", .timeLimit(.minutes(1)))
struct ESCPOSUSBReplayTests {
    /// Runs the driver under umockdev-run with `recording` on /dev/bus/usb/001/002.
    func run(_ recording: String) async throws -> (status: Int32, line: [String: String]) {
        let child = try ESCPOSChild("/usr/bin/umockdev-run", [
            "-d", ESCPOSTestSupport.usbPrinterDescription,
            "-i", "/dev/bus/usb/001/002=\(ESCPOSTestSupport.helper(recording))",
            "--", try ESCPOSTestSupport.executable("kiosk-bench"),
            "receipt", "usb-print", "--vendor", "0416", "--product", "5011", "--timeout-ms", "500",
        ])
        let end = await child.finish()
        let last = end.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let object = (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any] ?? [:]
        return (end.status, object.mapValues { "\($0)" })
    }

    @Test("GET_PORT_STATUS, DLE EOT 1-4 out and 4 bytes in, the receipt with GS r 1 and DLE EOT 1-4 out, 5 bytes in")
    func printed() async throws {
        let result = try await run("receipt-printed.ioctl")
        #expect(result.status == 0)
        #expect(result.line == ["event": "printed", "bytes": "171", "status": "online", "port": "18"])
    }

    @Test("paper out (GET_PORT_STATUS says paper present; DLE EOT is trusted): refused, no job sent")
    func paperOut() async throws {
        let result = try await run("receipt-paper-out.ioctl")
        #expect(result.status == 1)
        #expect(result.line["error"] == "paperOut")
        #expect(result.line["message"] == "receipt paper out — replace the 80 mm roll")
    }

    @Test("paper end after the job: .interrupted(.paperEnd)")
    func interrupted() async throws {
        let result = try await run("receipt-interrupted.ioctl")
        #expect(result.status == 1)
        #expect(result.line["error"] == "interrupted.paperEnd")
    }
}
