import Foundation
import Testing

/// kioskd in a umockdev testbed, end to end: Tests/Helpers/testbeds/daemon-hotplug.py starts the
/// daemon with one configured receipt printer (0416:5011, serial PRN001), plugs it in at port 1-1.4,
/// unplugs it, plugs it in at 1-1.6, adds a second printer (PRN999), and after each step prints
/// what GET /api/v1/devices showed; at the end it stops the daemon with SIGTERM.
///
/// umockdev works by LD_PRELOAD, so the daemon runs as the script's child, never in the test
/// runner (`HotplugTestbed`). The tests share one run of the script (about a second), each checking
/// one step of it.
@Suite("Device hot-plug through the daemon")
struct DeviceHotplugTests {
    static let run = Task { try await HotplugTestbed<Observation>.run("daemon-hotplug.py", timeout: .seconds(30)) }

    @Test("plugged in, the configured printer comes online bound to its serial, port and node")
    func plugged() async throws {
        let run = try await Self.run.value
        let started = try run.step("started")
        #expect(started.state == "noDevice")

        let plugged = try run.step("plugged")
        #expect(plugged.state != "noDevice")  // bound; then probed: the replayed printer answers nothing (offline)
        #expect(plugged.serial == "PRN001")
        #expect(plugged.port == "1-1.4")
        #expect(plugged.devnode == "/dev/bus/usb/001/002")
    }

    @Test("unplugged, the printer is noDevice with no binding")
    func unplugged() async throws {
        let unplugged = try await Self.run.value.step("unplugged")
        #expect(unplugged.state == "noDevice")
        #expect(unplugged.port == nil)
        #expect(unplugged.discovered == [])
    }

    @Test("plugged into another port, the same logical device comes online there")
    func replugged() async throws {
        let replugged = try await Self.run.value.step("replugged")
        #expect(replugged.id == "receipt-printer")
        #expect(replugged.state != "noDevice")
        #expect(replugged.serial == "PRN001")
        #expect(replugged.port == "1-1.6")
    }

    @Test("a second printer of the same model with another serial is discovered but not bound")
    func stranger() async throws {
        let stranger = try await Self.run.value.step("stranger")
        #expect(stranger.state != "noDevice")
        #expect(stranger.serial == "PRN001")
        #expect(stranger.port == "1-1.6")
        #expect(stranger.discovered?.map(\.serial) == ["PRN999", "PRN001"])
        #expect(stranger.discovered?.map(\.boundTo) == [nil, "receipt-printer"])
        #expect(stranger.discovered?.allSatisfy { $0.profile == "escpos/pos80-0416-5011" } == true)
    }

    @Test("after it all, SIGTERM stops the daemon with status 0")
    func stops() async throws {
        let run = try await Self.run.value
        #expect(try run.step("exit").status == 0)
        #expect(run.status == 0, "stderr:\n\(run.stderr)")
    }
}

extension DeviceHotplugTests {
    /// One JSON line of daemon-hotplug.py: receipt-printer's state and binding, and what was discovered.
    struct Observation: HotplugObservation {
        struct Discovered: Decodable, Sendable, Equatable {
            var serial: String?
            var syspath: String
            var profile: String
            var boundTo: String?
        }

        var step: String
        var met: Bool?
        var id: String?
        var state: String?
        var serial: String?
        var port: String?
        var devnode: String?
        var discovered: [Discovered]?
        var status: Int32?
    }
}
