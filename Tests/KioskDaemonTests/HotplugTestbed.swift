import Foundation

/// One JSON line of a testbed script in Tests/Helpers/testbeds: what the API showed after one step (or,
/// for "exit", the daemon's exit status). Each suite decodes the fields its script prints.
protocol HotplugObservation: Decodable, Sendable {
    /// The step's name ("ready", "started", …, "exit").
    var step: String { get }
    /// false when the script gave up waiting for the step's expectation; nil for lines without one.
    var met: Bool? { get }
}

/// One run of a umockdev testbed script from Tests/Helpers/testbeds (daemon-hotplug.py, touch-hotplug.py,
/// which share testbed_daemon.py), and the JSON lines it printed, by step.
///
/// umockdev works by LD_PRELOAD, so the daemon runs as the script's child, never in the test runner:
/// `umockdev-wrapper /usr/bin/python3 SCRIPT KIOSKD --listen 127.0.0.1:0`. A suite keeps one run in a
/// static `Task` and checks one step of it per test.
struct HotplugTestbed<Observation: HotplugObservation>: Sendable {
    /// The script's file name, for messages.
    var script: String
    var status: Int32
    var observations: [Observation]
    var stderr: String

    static var folder: String { BuiltProducts.repository + "/Tests/Helpers/testbeds" }

    /// Runs `script` (a file name in Tests/Helpers/testbeds) against the built kioskd, killed after `timeout`.
    static func run(_ script: String, timeout: Duration) async throws -> HotplugTestbed {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/umockdev-wrapper") else {
            throw TestFailure("umockdev-wrapper missing: install the Debian packages umockdev, gir1.2-umockdev-1.0 and python3-gi (scripts/install-deps)")
        }
        let temporary = TemporaryFolder("kioskd-" + script.replacingOccurrences(of: ".py", with: ""))
        defer { temporary.cleanUp() }
        let result = try await ChildProcess.run(
            "/usr/bin/umockdev-wrapper",
            ["/usr/bin/python3", folder + "/" + script, BuiltProducts.path("kioskd"), "--listen", "127.0.0.1:0"],
            folder: temporary.path,
            timeout: timeout
        )
        let lines = result.stdout.split(separator: "\n")
        let observations = try lines.map { line in
            do {
                return try JSONDecoder().decode(Observation.self, from: Data(line.utf8))
            } catch {
                throw TestFailure("\(script) printed a line that is not an observation: \(line) (\(error)); stderr:\n\(result.stderr)")
            }
        }
        return HotplugTestbed(script: script, status: result.status, observations: observations, stderr: result.stderr)
    }

    /// The observation of `name`, which the script must have met.
    func step(_ name: String) throws -> Observation {
        guard let observation = observations.first(where: { $0.step == name }) else {
            throw TestFailure("\(script) printed no step \"\(name)\" (status \(status)); stderr:\n\(stderr)")
        }
        if observation.met == false {
            throw TestFailure("step \"\(name)\" never reached what it waited for: \(observation); stderr:\n\(stderr)")
        }
        return observation
    }
}
