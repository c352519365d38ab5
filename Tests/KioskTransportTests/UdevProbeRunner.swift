import Foundation
import KioskCore

/// Runs `kiosk-transport-probe udev …` under umockdev and decodes what it prints.
///
/// umockdev works by LD_PRELOAD, so the udev code runs in the probe (built beside the test
/// bundle), never in the test runner; every run is killed after 20 s.
enum UdevProbeRunner {
    /// The probe, beside the test bundle.
    static var probe: String {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("kiosk-transport-probe").path
    }

    /// A file under Tests/KioskTransportTests/Recordings.
    static func recording(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Recordings/\(name)").path
    }

    /// The kiosk's devices, hand-written for umockdev (see Recordings/README.md).
    static let kioskDevices = recording("Udev/kiosk-devices.umockdev")

    /// `umockdev-run -d DEVICES -- PROBE udev enumerate ARGUMENTS`, its JSON lines decoded.
    static func enumerate(_ arguments: [String], devices: String = kioskDevices) async throws -> [SystemDevice] {
        let result = try await ChildProcess.run(
            "/usr/bin/umockdev-run",
            ["-d", devices, "--", probe, "udev", "enumerate"] + arguments
        )
        guard result.status == 0 else {
            throw ChildProcess.Failure(description: "udev enumerate \(arguments) failed: \(result)")
        }
        return try result.lines.map { try JSONDecoder().decode(SystemDevice.self, from: Data($0.utf8)) }
    }

    /// `umockdev-wrapper /usr/bin/python3 Recordings/hotplug.py PROBE udev monitor ARGUMENTS`: the
    /// testbed script plugs, unplugs and re-plugs a receipt printer while the probe watches.
    static func hotplug(monitor arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run(
            "/usr/bin/umockdev-wrapper",
            ["/usr/bin/python3", recording("hotplug.py"), probe, "udev", "monitor"] + arguments
        )
    }

    /// The events in a hot-plug run's output (every line after "ready").
    static func events(in result: ChildProcess.Result) throws -> [SystemDeviceEvent] {
        try result.lines.dropFirst().map { try JSONDecoder().decode(SystemDeviceEvent.self, from: Data($0.utf8)) }
    }
}
