import KioskCore
import Testing

/// `UdevMonitor` against a umockdev testbed: Recordings/hotplug.py plugs a receipt printer in,
/// unplugs it and plugs it in again while `kiosk-transport-probe udev monitor` watches.
@Suite("udev hot-plug")
struct UdevHotplugTests {
    static let printerPath = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.4"

    @Test("a printer plugged, unplugged and plugged again gives add, remove, add")
    func plugUnplugPlug() async throws {
        // When
        let result = try await UdevProbeRunner.hotplug(monitor: ["--subsystem", "usb", "--count", "3", "--timeout-ms", "15000"])

        // Then
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.first == "ready")
        let events = try UdevProbeRunner.events(in: result)
        #expect(events.map(\.action) == [.add, .remove, .add])
        #expect(events.allSatisfy { $0.device.syspath == Self.printerPath && $0.device.devtype == "usb_device" })
        #expect(events.allSatisfy { $0.device.properties["ID_VENDOR_ID"] == "0416" && $0.device.properties["ID_SERIAL_SHORT"] == "PRN001" })
        #expect(events.map { $0.device.attributes["serial"] } == ["PRN001", nil, "PRN001"])
        #expect(events.map(\.device.devnode) == Array(repeating: "/dev/bus/usb/001/002", count: 3))
    }

    @Test("a monitor for another subsystem sees none of it and times out with status 2")
    func otherSubsystem() async throws {
        // When
        let result = try await UdevProbeRunner.hotplug(monitor: ["--subsystem", "tty", "--count", "1", "--timeout-ms", "300"])

        // Then
        #expect(result.status == 2, "\(result)")
        #expect(result.lines == ["ready"])
    }
}
