import Foundation
import Testing

/// The touch display in a umockdev testbed, end to end: Tests/Helpers/testbeds/touch-hotplug.py loads the screen of
/// Tests/Helpers/display/display.umockdev (an eDP panel with its EDID, a disconnected HDMI connector, a backlight),
/// starts kioskd with one touch display matched by udev `ID_INPUT_TOUCHSCREEN=1`, plugs a touch panel in, probes,
/// unplugs it, plugs it in at another USB port whose node replays a tap (Tests/Helpers/display/tap.events), and after
/// each step prints what the API showed.
///
/// umockdev works by LD_PRELOAD, so the daemon runs as the script's child (`HotplugTestbed`); the tests share one run
/// of the script.
@Suite("Touch panel hot-plug and display health through the daemon")
struct TouchHotplugTests {
    static let run = Task { try await HotplugTestbed<Observation>.run("touch-hotplug.py", timeout: .seconds(60)) }

    @Test("without a touch panel the touch display is noDevice; plugged in, it is online at the panel's evdev node")
    func plugged() async throws {
        let run = try await Self.run.value
        #expect(try run.step("started").state == "noDevice")
        let plugged = try run.step("plugged")
        #expect(plugged.state == "online")
        #expect(plugged.devnode == "/dev/input/event9")
    }

    @Test("the probe reads the connectors' status and EDID and the backlight from the testbed's /sys")
    func probed() async throws {
        let probed = try await Self.run.value.step("probed")
        #expect(probed.state == "online")
        #expect(probed.fault == nil)
        let facts = probed.facts ?? [:]
        #expect(facts["touchscreens"] == "1")
        #expect(facts["connector.card0-eDP-1"] == "connected, dpms On, EDID 128 bytes")
        #expect(facts["connector.card0-HDMI-A-1"] == "disconnected, dpms Off")
        #expect(facts["edid.card0-eDP-1"] == "BOE 0x0A5C \"NV156FHM-N4G\" serial KX23A0712345, 1920x1080@60Hz, EDID 1.4")
        #expect(facts["backlight.intel_backlight"] == "19200/96000, bl_power 0")
        #expect(facts["touch.watching"] != nil)
    }

    @Test("unplugged, the touch display is noDevice with no binding at once")
    func unplugged() async throws {
        let unplugged = try await Self.run.value.step("unplugged")
        #expect(unplugged.state == "noDevice")
        #expect(unplugged.devnode == nil)
    }

    @Test("plugged in at another USB port, the same touch display is online at the new node")
    func replugged() async throws {
        let replugged = try await Self.run.value.step("replugged")
        #expect(replugged.state == "online")
        #expect(replugged.devnode == "/dev/input/event11")
    }

    @Test("the replugged panel's node is read (not grabbed): the tap it replays is counted, and the panel is not suspect")
    func touched() async throws {
        let touched = try await Self.run.value.step("touched")
        #expect(touched.facts?["touch.watching"] == "/dev/input/event11")
        #expect(touched.facts?["touch.touches"] == "1")
        #expect(touched.facts?["touch.untouched-expiries"] == "0")
    }

    @Test("after it all, SIGTERM stops the daemon with status 0")
    func stops() async throws {
        let run = try await Self.run.value
        #expect(try run.step("exit").status == 0)
        #expect(run.status == 0, "stderr:\n\(run.stderr)")
    }
}

extension TouchHotplugTests {
    /// One JSON line of touch-hotplug.py: touch-display's state and node, or a probe's report.
    struct Observation: HotplugObservation {
        var step: String
        var met: Bool?
        var state: String?
        var detail: String?
        var devnode: String?
        var fault: String?
        var facts: [String: String]?
        var status: Int32?
    }
}
