import Testing

@testable import KioskTransport

/// Transfers that never complete: Recordings/USB/no-answer.pcap, an empty usbmon capture replayed
/// with `umockdev-run --pcap`, accepts every URB and answers none, so a bulk IN ends only by libusb's
/// timeout or by the task's cancellation (libusb_cancel_transfer → USBDEVFS_DISCARDURB).
@Suite("USB transfer timeout and cancellation")
struct USBTransferEndTests {
    private func readReply(_ extra: [String]) async throws -> ChildProcess.Result {
        try await USBProbeRunner.run(
            umockdev: ["-d", USBProbeRunner.printer, "-p", "\(USBProbeRunner.printerSysfsPath)=\(USBProbeRunner.noAnswer)"],
            probe: ["printer", "--vendor", "0416", "--product", "5011", "--skip-port-status", "--expect-reply-bytes", "1"] + extra)
    }

    @Test("a printer that does not answer gives the typed timeout after the transfer's timeout")
    func timeout() async throws {
        // When
        let started = ContinuousClock.now
        let result = try await readReply(["--timeout-ms", "300"])

        // Then
        #expect(result.status == 1, "\(result)")
        #expect(try USBProbeRunner.lines(result).last?.error == "timeout")
        #expect(result.stderr.contains("0416:5011 at port 1-1.4 (/dev/bus/usb/001/002): bulk IN on endpoint 0x82 failed: timed out"))
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("cancelling the reading task cancels the transfer and gives the typed cancelled error")
    func cancellation() async throws {
        // When: a 60 s timeout, cancelled after 200 ms
        let started = ContinuousClock.now
        let result = try await readReply(["--timeout-ms", "60000", "--cancel-read-after-ms", "200"])

        // Then
        #expect(result.status == 1, "\(result)")
        #expect(try USBProbeRunner.lines(result).last?.error == "cancelled")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test("timeouts become libusb milliseconds; zero is libusb's no-limit, anything else at least 1 ms", arguments: [
        (Duration.zero, UInt32(0)),
        (.milliseconds(300), 300),
        (.seconds(2), 2000),
        (.microseconds(10), 1),
        (.seconds(-1), 1),
    ])
    func milliseconds(timeout: Duration, expected: UInt32) {
        #expect(USBTransfer.milliseconds(timeout) == expected)
    }
}
