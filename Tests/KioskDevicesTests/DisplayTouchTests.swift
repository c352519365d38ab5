import Foundation
import KioskCore
import KioskDevices
import Testing

/// The touch display's probe: connectors and backlights from a sysfs tree in a temporary folder, touchscreens from a
/// umockdev testbed (Tests/Helpers/display/touchscreen.umockdev) listed by real libudev in `kiosk-transport-probe`.
@Suite("Touch panel, display connector and backlight")
struct DisplayTouchTests {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// A sysfs tree with one connector and one backlight.
    static func makeSysfs(status: String = "connected", brightness: Int = 80, power: Int = 0) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-display-\(UUID().uuidString)").path
        let files = [
            "class/drm/card0-eDP-1/status": status, "class/drm/card0-eDP-1/enabled": "enabled",
            "class/drm/card0/dev": "226:0",
            "class/backlight/intel_backlight/brightness": "\(brightness)", "class/backlight/intel_backlight/max_brightness": "100",
            "class/backlight/intel_backlight/actual_brightness": "\(brightness)", "class/backlight/intel_backlight/bl_power": "\(power)",
        ]
        for (path, content) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((content + "\n").utf8).write(to: url)
        }
        try Data(repeating: 0, count: 128).write(to: URL(fileURLWithPath: root + "/class/drm/card0-eDP-1/edid"))
        return root
    }

    static let touch = [SystemDevice(syspath: "/sys/devices/x/input/input9/event9", subsystem: "input", devnode: "/dev/input/event9", properties: ["ID_INPUT_TOUCHSCREEN": "1"], attributes: [:])]

    @Test("healthy, disconnected, backlight off and touch missing", arguments: [
        ("connected", 80, 0, true, nil as FaultCode?, DeviceState.online),
        ("disconnected", 80, 0, true, .displayDisconnected, .offline),
        ("connected", 80, 4, true, .displayBacklightOff, .offline),
        ("connected", 0, 0, true, .displayBacklightOff, .offline),
        ("connected", 80, 0, false, .displayTouchMissing, .noDevice),
    ])
    func probe(status: String, brightness: Int, power: Int, touch: Bool, fault: FaultCode?, state: DeviceState) async throws {
        let root = try Self.makeSysfs(status: status, brightness: brightness, power: power)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let devices = touch ? Self.touch : []
        let device = TouchDisplayDevice(id: "touch-display", sysfs: DisplaySysfs(root: root), touchscreens: { devices })
        let report = await device.probe(level: .internal)
        #expect(report.fault == fault)
        #expect(report.state == state)
        #expect(report.facts["connector.card0-eDP-1"]?.hasPrefix(status) == true)
        #expect(DisplaySysfs(root: root).connectors().first?.edidBytes == 128)
    }

    @Test("brightness can be written where allowed")
    func brightness() throws {
        let root = try Self.makeSysfs()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try DisplaySysfs(root: root).setBrightness(30, of: "intel_backlight")
        #expect(DisplaySysfs(root: root).backlights().first?.brightness == 30)
    }

    @Test("libudev under umockdev lists the touchscreen (not the keyboard), and the probe counts one panel; unplugged, it is missing")
    func umockdevTouchscreen() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-run") else {
            throw Failure(description: "umockdev-run missing: install the Debian package umockdev (scripts/install-deps)")
        }
        let testbed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Helpers/display/touchscreen.umockdev").path
        let probe = QRScannerTestSupport.product("kiosk-transport-probe")
        let (status, output) = try await QRScannerUmockdevTests.run("/usr/bin/umockdev-run", [
            "-d", testbed, "--", probe, "udev", "enumerate", "--subsystem", "input", "--property", "ID_INPUT_TOUCHSCREEN=1",
        ])
        #expect(status == 0)
        let devices = try output.split(separator: "\n").map { try JSONDecoder().decode(SystemDevice.self, from: Data($0.utf8)) }
        #expect(devices.map(\.sysname).sorted() == ["event9", "input9"])
        let root = try Self.makeSysfs()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let plugged = await TouchDisplayDevice(id: "touch-display", sysfs: DisplaySysfs(root: root), touchscreens: { devices }).probe(level: .internal)
        #expect(plugged.state == .online && plugged.facts["touchscreens"] == "1")
        let unplugged = await TouchDisplayDevice(id: "touch-display", sysfs: DisplaySysfs(root: root), touchscreens: { [] }).probe(level: .internal)
        #expect(unplugged.fault == .displayTouchMissing)
    }
}
