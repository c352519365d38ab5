import Testing

/// libusb hot-plug callbacks against a umockdev testbed: Recordings/USB/hotplug.py plugs the printer
/// in and pulls it out while `kiosk-transport-probe usb hotplug` listens.
@Suite("USB hot-plug")
struct USBHotplugTests {
    @Test("plugging the printer in and pulling it out gives arrived then left, with its port")
    func arrivedThenLeft() async throws {
        // When
        let result = try await USBProbeRunner.hotplug(["--vendor", "0416", "--product", "5011", "--count", "2", "--timeout-ms", "15000"])

        // Then
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "ready")
        let events = try USBProbeRunner.lines(result)
        #expect(events.map(\.event) == ["arrived", "left"])
        #expect(events.allSatisfy { $0.device == "0416:5011 at port 1-1.4 (/dev/bus/usb/001/002)" })
    }

    @Test("a filter for another product sees nothing and times out")
    func otherProduct() async throws {
        // When
        let result = try await USBProbeRunner.hotplug(["--vendor", "0416", "--product", "5012", "--count", "1", "--timeout-ms", "300"])

        // Then: the probe's status for a timeout, relayed by hotplug.py
        #expect(result.status == 2, "\(result)")
        #expect(result.lines == ["ready"])
    }
}
