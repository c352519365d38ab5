import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `kioskctl diag` against a running `kioskd --simulate`, over its Unix socket.
@Suite("kioskctl diag", .serialized)
struct DiagCommandTests {
    @Test("kioskctl diag probes one device or all, prints a table or JSON, and exits non-zero when a device fails")
    func diag() async throws {
        let folder = TemporaryFolder("kioskd-diag")
        defer { folder.cleanUp() }
        let daemon = try await SimulatedDaemon.start(folder: folder)
        defer { daemon.process.signal(SIGTERM) }
        let socket = daemon.state + "/kioskd.sock"
        _ = try await daemon.waitForDevices { $0.first { $0.id == "receipt-printer" }?.state == "online" }
        let kioskctl = BuiltProducts.path("kioskctl")

        // Given the emulated printer is healthy, diag of it exits 0 with a table row saying ok.
        let healthy = try await ChildProcess.run(kioskctl, ["diag", "receipt-printer", "--socket", socket], folder: folder.path)
        #expect(healthy.status == 0, "stdout: \(healthy.stdout)\nstderr: \(healthy.stderr)")
        #expect(healthy.stdout.hasPrefix("DEVICE"))
        let row = try #require(healthy.stdout.split(separator: "\n").first { $0.hasPrefix("receipt-printer") })
        #expect(row.contains(" ok "), "\(row)")
        #expect(row.contains("DLE EOT: online"), "\(row)")
        #expect(healthy.stdout.contains("all healthy"))

        // When the paper runs out, diag fails (exit 2) naming the fault, in the table and in JSON.
        let condition = try await daemon.request(.PUT, "/api/v1/simulation/devices/receipt-printer/condition", body: #"{"paperOut": true}"#)
        #expect(condition.status == 200)
        let failed = try await ChildProcess.run(kioskctl, ["diag", "receipt-printer", "--socket", socket], folder: folder.path)
        #expect(failed.status == 2, "stdout: \(failed.stdout)\nstderr: \(failed.stderr)")
        #expect(failed.stdout.contains("FAILED"))
        #expect(failed.stdout.contains("printer.paper-out"))
        let json = try await ChildProcess.run(kioskctl, ["diag", "receipt-printer", "--socket", socket, "--json"], folder: folder.path)
        #expect(json.status == 2)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let report = try #require(reports.first?["report"] as? [String: Any])
        #expect(report["fault"] as? String == "printer.paper-out")
        #expect(report["state"] as? String == "userError")

        // And diag without a device covers every configured device.
        let all = try await ChildProcess.run(kioskctl, ["diag", "--socket", socket, "--json"], folder: folder.path)
        #expect(all.status == 2, "stderr: \(all.stderr)")
        let every = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        let ids = every.compactMap { ($0["report"] as? [String: Any])?["deviceID"] as? String }
        let devices = try await daemon.waitForDevices { _ in true }
        #expect(ids == devices.map(\.id))

        // And an unknown device or level is refused with the cause (exit 3).
        let unknown = try await ChildProcess.run(kioskctl, ["diag", "coffee-machine", "--socket", socket], folder: folder.path)
        #expect(unknown.status == 3)
        #expect(unknown.stderr.contains("no device \"coffee-machine\""), "\(unknown.stderr)")
        let badLevel = try await ChildProcess.run(kioskctl, ["diag", "--level", "thorough", "--socket", socket], folder: folder.path)
        #expect(badLevel.status == 64, "ArgumentParser refuses an unknown level: \(badLevel.stderr)")
    }
}
