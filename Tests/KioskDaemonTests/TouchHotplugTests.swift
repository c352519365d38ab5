import Foundation
import Testing

/// The touch display in a umockdev testbed, end to end: Tests/Helpers/testbeds/touch-hotplug.py loads the screen of
/// Tests/Helpers/display/display.umockdev (an eDP panel with its EDID, a disconnected HDMI connector, a backlight),
/// starts kioskd with one touch display matched by udev `ID_INPUT_TOUCHSCREEN=1`, plugs a touch panel in, probes,
/// unplugs it, plugs it in at another USB port whose node replays a tap (Tests/Helpers/display/tap.events), and after
/// each step prints what the API showed.
///
/// umockdev works by LD_PRELOAD, so the daemon runs as the script's child; the tests share one run of the script.
@Suite("Touch panel hot-plug and display health through the daemon")
struct TouchHotplugTests {
    static let run = Task { try await TouchHotplugRun.start() }

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

/// One run of touch-hotplug.py and the JSON lines it printed, by step.
struct TouchHotplugRun: Sendable {
    /// What the API showed after one step (or, for "exit", the daemon's exit status).
    struct Observation: Decodable, Sendable {
        var step: String
        var met: Bool?
        var state: String?
        var detail: String?
        var devnode: String?
        var fault: String?
        var facts: [String: String]?
        var status: Int32?
    }

    static let script = BuiltProducts.repository + "/Tests/Helpers/testbeds/touch-hotplug.py"

    var status: Int32
    var observations: [Observation]
    var stderr: String

    /// `umockdev-wrapper /usr/bin/python3 touch-hotplug.py KIOSKD --listen 127.0.0.1:0`, killed after 60 s.
    static func start() async throws -> TouchHotplugRun {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-wrapper") else {
            throw TestFailure("umockdev-wrapper missing: install the Debian packages umockdev, gir1.2-umockdev-1.0 and python3-gi (scripts/install-deps)")
        }
        let folder = TemporaryFolder("kioskd-touch-hotplug")
        defer { folder.cleanUp() }
        let result = try await ChildProcess.run(
            "/usr/bin/umockdev-wrapper",
            ["/usr/bin/python3", script, BuiltProducts.path("kioskd"), "--listen", "127.0.0.1:0"],
            folder: folder.path,
            timeout: .seconds(60)
        )
        let lines = result.stdout.split(separator: "\n")
        let observations = try lines.map { try JSONDecoder().decode(Observation.self, from: Data($0.utf8)) }
        return TouchHotplugRun(status: result.status, observations: observations, stderr: result.stderr)
    }

    /// The observation of `name`, which the script must have met.
    func step(_ name: String) throws -> Observation {
        guard let observation = observations.first(where: { $0.step == name }) else {
            throw TestFailure("touch-hotplug.py printed no step \"\(name)\" (status \(status)); stderr:\n\(stderr)")
        }
        if observation.met == false {
            throw TestFailure("step \"\(name)\" never reached what it waited for: \(observation); stderr:\n\(stderr)")
        }
        return observation
    }
}
