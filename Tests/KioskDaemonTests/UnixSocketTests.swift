import AsyncHTTPClient
import Foundation
import KioskCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("API over the Unix socket and kioskctl", .serialized)
struct UnixSocketTests {
    /// Starts a simulated daemon, runs `body` with its socket path, and stops it.
    func withDaemon(_ body: (String, String) async throws -> Void) async throws {
        let folder = TemporaryFolder("kioskd-sock")
        defer { folder.cleanUp() }
        let listener = try NotifyListener(path: folder.path + "/notify.sock")
        let state = folder.path + "/state"
        let daemon = try ChildProcess(
            BuiltProducts.path("kioskd"),
            ["--simulate", "--state-dir", state, "--listen", "127.0.0.1:0"],
            environment: ["NOTIFY_SOCKET": listener.path],
            folder: folder.path
        )
        try await listener.waitUntil(timeout: .seconds(20), "READY=1") { $0.contains { $0.hasPrefix("READY=1") } }
        try await body(state + "/kioskd.sock", folder.path)
        daemon.signal(SIGTERM)
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test("health and version answer over the socket, which only owner and group may use")
    func apiOverSocket() async throws {
        try await withDaemon { socket, _ in
            var info = stat()
            #expect(stat(socket, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o660)
            let health = try #require(URL(httpURLWithSocketPath: socket, uri: "/api/v1/health"))
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: health.absoluteString), timeout: .seconds(5))
            #expect(response.status == .ok)
            let body = try await response.body.collect(upTo: 1 << 20)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let report = try decoder.decode(HealthReport.self, from: Data(body.readableBytesView))
            #expect(report.kiosk.id == "demo-001")
            let version = try #require(URL(httpURLWithSocketPath: socket, uri: "/api/v1/version"))
            let versionResponse = try await HTTPClient.shared.execute(HTTPClientRequest(url: version.absoluteString), timeout: .seconds(5))
            #expect(versionResponse.status == .ok)
        }
    }

    @Test("kioskctl status prints the kiosk's identity as a table, and JSON with --json")
    func kioskctlStatus() async throws {
        try await withDaemon { socket, folder in
            let table = try await ChildProcess.run(BuiltProducts.path("kioskctl"), ["status", "--socket", socket], folder: folder)
            #expect(table.status == 0, "stderr: \(table.stderr)")
            #expect(table.stdout.contains("Kiosk    demo-001  市民中心 1 号自助终端（模拟）"))
            #expect(table.stdout.contains("Owner    自然资源局 (natural-resources-bureau)"))
            #expect(table.stdout.contains("receipt-printer  receipt-printer"))

            let json = try await ChildProcess.run(BuiltProducts.path("kioskctl"), ["status", "--socket", socket, "--json"], folder: folder)
            #expect(json.status == 0)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let report = try decoder.decode(HealthReport.self, from: Data(json.stdout.utf8))
            #expect(report.kiosk.site == "demo-service-centre")
            #expect(report.status == "ok")
        }
    }

    @Test("kioskctl devices lists the configured devices with state and profile, and JSON with --json")
    func kioskctlDevices() async throws {
        try await withDaemon { socket, folder in
            let table = try await ChildProcess.run(BuiltProducts.path("kioskctl"), ["devices", "--socket", socket], folder: folder)
            #expect(table.status == 0, "stderr: \(table.stderr)")
            let header = try #require(table.stdout.split(separator: "\n").first)
            #expect(header.hasPrefix("DEVICE") && header.contains("STATE") && header.contains("PROFILE"))
            #expect(table.stdout.contains("receipt-printer  receipt-printer"))
            #expect(table.stdout.contains("escpos/generic-80mm"))

            let json = try await ChildProcess.run(BuiltProducts.path("kioskctl"), ["devices", "--socket", socket, "--json"], folder: folder)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let list = try decoder.decode(DeviceList.self, from: Data(json.stdout.utf8))
            #expect(list.configured.map(\.id) == ["id-reader", "ssc-reader", "receipt-printer", "a4-printer", "qr-scanner", "touch-display"])
            #expect(list.configured.first { $0.id == "receipt-printer" }?.profile == "escpos/generic-80mm")
        }
    }

    @Test("kioskctl devices udev-rules prints the rules of the installed profiles without a daemon")
    func udevRules() async throws {
        let folder = TemporaryFolder("kioskctl-rules")
        defer { folder.cleanUp() }
        let result = try await ChildProcess.run(
            BuiltProducts.path("kioskctl"), ["devices", "udev-rules", "--profiles", BuiltProducts.repository + "/devices"], folder: folder.path
        )
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let committed = try String(contentsOfFile: BuiltProducts.repository + "/devices/99-kioskd.rules", encoding: .utf8)
        #expect(result.stdout == committed)
    }

    @Test("kioskctl without a daemon says where it looked and exits 3")
    func kioskctlUnreachable() async throws {
        let folder = TemporaryFolder("kioskctl-none")
        defer { folder.cleanUp() }
        let result = try await ChildProcess.run(BuiltProducts.path("kioskctl"), ["status", "--socket", folder.path + "/none.sock"], folder: folder.path)
        #expect(result.status == 3)
        #expect(result.stderr.contains("cannot reach kioskd at unix:\(folder.path)/none.sock: the socket does not exist"))
    }
}
