import AsyncHTTPClient
import Foundation
import KioskStore
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Daemon lifecycle", .serialized)
struct DaemonLifecycleTests {
    @Test("READY once serving, WATCHDOG at half the interval, STOPPING and a clean exit on SIGTERM")
    func notifyAndGracefulStop() async throws {
        let folder = TemporaryFolder("kioskd-life")
        defer { folder.cleanUp() }
        let listener = try NotifyListener(path: folder.path + "/notify.sock")
        let state = folder.path + "/state"
        let daemon = try ChildProcess(
            BuiltProducts.path("kioskd"),
            ["--simulate", "--state-dir", state, "--listen", "127.0.0.1:0"],
            environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "400000"],
            folder: folder.path
        )

        // Given a started daemon, when it serves, then READY=1 comes with both endpoints in STATUS.
        let messages = try await listener.waitUntil(timeout: .seconds(20), "READY=1") { $0.contains { $0.hasPrefix("READY=1") } }
        let ready = try #require(messages.first { $0.hasPrefix("READY=1") })
        #expect(ready.contains("STATUS=serving http://127.0.0.1:"))
        #expect(ready.contains("unix:\(state)/kioskd.sock"))
        #expect(messages.first == "STATUS=starting")

        // And the API answers on the port the status names.
        let port = try #require(ready.split(separator: "127.0.0.1:").last?.prefix { $0.isNumber })
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/health"), timeout: .seconds(5))
        #expect(response.status == .ok)

        // And the watchdog is pinged every 200 ms (half of WATCHDOG_USEC).
        let start = ContinuousClock.now
        let pingsBefore = listener.messages.filter { $0 == "WATCHDOG=1" }.count
        try await listener.waitUntil(timeout: .seconds(5), "three watchdog pings") { all in
            all.filter { $0 == "WATCHDOG=1" }.count >= pingsBefore + 3
        }
        #expect(ContinuousClock.now - start < .seconds(2))

        // When SIGTERM arrives, then STOPPING=1 is sent and the daemon exits 0, removing its socket.
        daemon.signal(SIGTERM)
        try await listener.waitUntil(timeout: .seconds(10), "STOPPING=1") { $0.contains { $0.hasPrefix("STOPPING=1") } }
        let status = try await daemon.waitForExit(timeout: .seconds(10))
        #expect(status == 0, "stderr: \(daemon.stderr)")
        #expect(!FileManager.default.fileExists(atPath: state + "/kioskd.sock"))

        // And the start and the stop are in the event log.
        let store = try KioskStore(directory: state)
        let kinds = try await store.events().map(\.kind)
        #expect(kinds.prefix(2) == ["daemon.stopping", "daemon.started"])
    }

    @Test("SIGINT stops the daemon gracefully too")
    func interrupt() async throws {
        let folder = TemporaryFolder("kioskd-int")
        defer { folder.cleanUp() }
        let listener = try NotifyListener(path: folder.path + "/notify.sock")
        let daemon = try ChildProcess(
            BuiltProducts.path("kioskd"),
            ["--simulate", "--state-dir", folder.path + "/state", "--listen", "127.0.0.1:0"],
            environment: ["NOTIFY_SOCKET": listener.path],
            folder: folder.path
        )
        try await listener.waitUntil(timeout: .seconds(20), "READY=1") { $0.contains { $0.hasPrefix("READY=1") } }
        daemon.signal(SIGINT)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
        #expect(!listener.messages.contains("WATCHDOG=1"), "no watchdog without WATCHDOG_USEC")
    }

    @Test("a port already in use ends the daemon with a clear error, not a hang")
    func portInUse() async throws {
        let folder = TemporaryFolder("kioskd-port")
        defer { folder.cleanUp() }
        let listener = try NotifyListener(path: folder.path + "/notify.sock")
        let first = try ChildProcess(
            BuiltProducts.path("kioskd"),
            ["--simulate", "--state-dir", folder.path + "/a", "--listen", "127.0.0.1:0"],
            environment: ["NOTIFY_SOCKET": listener.path],
            folder: folder.path
        )
        let ready = try await listener.waitUntil(timeout: .seconds(20), "READY=1") { $0.contains { $0.hasPrefix("READY=1") } }
        let port = try #require(ready.first { $0.hasPrefix("READY=1") }?.split(separator: "127.0.0.1:").last?.prefix { $0.isNumber })
        let second = try await ChildProcess.run(
            BuiltProducts.path("kioskd"),
            ["--simulate", "--state-dir", folder.path + "/b", "--listen", "127.0.0.1:\(port)"],
            folder: folder.path,
            timeout: .seconds(20)
        )
        #expect(second.status == 71, "stderr: \(second.stderr)")
        #expect(second.stderr.lowercased().contains("address already in use"))
        first.signal(SIGTERM)
        #expect(try await first.waitForExit(timeout: .seconds(10)) == 0)
    }
}
