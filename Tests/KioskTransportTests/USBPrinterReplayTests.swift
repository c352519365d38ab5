import Testing

/// The libusb transport against the umockdev replay of a USB receipt printer (Recordings/USB):
/// enumeration from sysfs, open, claim, GET_PORT_STATUS, bulk OUT and bulk IN through real libusb.
@Suite("USB printer replay")
struct USBPrinterReplayTests {
    @Test("open, claim, GET_PORT_STATUS 0x18, a receipt out and the DLE EOT 4 answer 0x12 in")
    func receiptConversation() async throws {
        // When
        let result = try await USBProbeRunner.printer([
            "--send", USBProbeRunner.receipt, "--expect-reply-bytes", "1",
            "--interface", "0", "--out-endpoint", "0x01", "--in-endpoint", "0x82",
        ])

        // Then
        #expect(result.status == 0, "\(result)")
        let lines = try USBProbeRunner.lines(result)
        #expect(lines.map(\.event) == ["opened", "claimed", "port-status", "sent", "reply"])
        #expect(lines.first?.port == "1-1.4")
        #expect(lines.first?.serial == "KX58A0001")
        #expect(lines.first?.device == "0416:5011 at port 1-1.4 (/dev/bus/usb/001/002)")
        let status = lines.first { $0.event == "port-status" }
        #expect(status?.raw == "18")
        #expect(status?.selected == true && status?.noError == true && status?.paperEmpty == false)
        #expect(lines.first { $0.event == "sent" }?.bytes == 21)
        #expect(lines.first { $0.event == "reply" }?.hex == "12")
    }

    @Test("bytes that differ from the recording end in the typed I/O error naming the device, not a hang")
    func mismatchedOut() async throws {
        // Given: DLE EOT 5 instead of DLE EOT 4 at the end
        let wrong = String(USBProbeRunner.receipt.dropLast(2)) + "05"

        // When
        let result = try await USBProbeRunner.printer(["--send", wrong, "--expect-reply-bytes", "1"])

        // Then
        #expect(result.status == 1, "\(result)")
        let failure = try USBProbeRunner.lines(result).last
        #expect(failure?.error == "io")
        #expect(result.stderr.contains("USB device 0416:5011 at port 1-1.4 (/dev/bus/usb/001/002): bulk OUT of 21 bytes on endpoint 0x01 failed"))
        #expect(result.stderr.contains("input/output error"))
    }

    @Test("an answer that ends with a failed URB status gives its typed error", arguments: [
        ("reply-stall.ioctl", "stalled", "endpoint stalled"),  // EPIPE
        ("reply-unplugged.ioctl", "noDevice", "unplugged"),  // ENODEV
        ("reply-overflow.ioctl", "overflow", "more data than asked for"),  // EOVERFLOW
        ("reply-error.ioctl", "io", "input/output error"),  // EPROTO
    ])
    func failedReply(recording: String, error: String, phrase: String) async throws {
        // When
        let result = try await USBProbeRunner.printer(
            ["--skip-port-status", "--send", USBProbeRunner.receipt, "--expect-reply-bytes", "1"],
            recording: USBProbeRunner.recording(recording))

        // Then
        #expect(result.status == 1, "\(result)")
        let lines = try USBProbeRunner.lines(result)
        #expect(lines.map(\.event) == ["opened", "claimed", "sent", "error"])
        #expect(lines.last?.error == error)
        #expect(result.stderr.contains("0416:5011 at port 1-1.4 (/dev/bus/usb/001/002): bulk IN on endpoint 0x82 failed"))
        #expect(result.stderr.contains(phrase))
    }

    @Test("a reset before claiming succeeds under the replay")
    func resetBeforeClaim() async throws {
        // When
        let result = try await USBProbeRunner.printer(["--reset", "before-claim", "--skip-port-status"])

        // Then
        #expect(result.status == 0, "\(result)")
        #expect(try USBProbeRunner.lines(result).map(\.event) == ["opened", "reset", "claimed"])
    }

    @Test("a reset whose interfaces cannot be claimed again asks for re-enumeration")
    func resetAfterClaim() async throws {
        // Given: libusb re-claims claimed interfaces after USBDEVFS_RESET with USBDEVFS_DISCONNECT_CLAIM,
        // which umockdev does not emulate, so libusb answers LIBUSB_ERROR_NOT_FOUND as for a device
        // that came back changed.

        // When
        let result = try await USBProbeRunner.printer(["--reset", "after-claim", "--skip-port-status"])

        // Then
        #expect(result.status == 1, "\(result)")
        #expect(try USBProbeRunner.lines(result).last?.error == "needsReenumeration")
        #expect(result.stderr.contains("0416:5011 at port 1-1.4"))
    }
}
