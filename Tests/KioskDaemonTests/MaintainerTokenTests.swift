import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// kioskctl over TCP against a kioskd whose configuration names a maintainer by the SHA-256 of their token.
@Suite("Maintainers over TCP: kioskctl with a token file", .serialized)
struct MaintainerTokenTests {
    static let token = "kiosk-test-token-8c1d"

    @Test("without a token kioskctl maintenance start is refused over --url with the fix; with --token-file it starts, under the maintainer's name")
    func kioskctlWithToken() async throws {
        let folder = TemporaryFolder("kioskd-token")
        defer { folder.cleanUp() }
        let digest = try await ChildProcess.run("/bin/sh", ["-c", "printf %s '\(Self.token)' | sha256sum"], folder: folder.path)
        let hash = String(digest.stdout.prefix(64))
        let configuration = try folder.writeConfiguration(id: "token-test", api: ["maintainers:", "  - {name: 王工, token_sha256: \(hash)}"])
        try "\(Self.token)\n".write(toFile: folder.path + "/token", atomically: true, encoding: .utf8)
        chmod(folder.path + "/token", 0o600)
        let daemon = try await SimulatedDaemon.start(folder: folder, arguments: ["--config", configuration])
        let kioskctl = BuiltProducts.path("kioskctl")
        let url = "http://127.0.0.1:\(daemon.port)"

        let refused = try await ChildProcess.run(kioskctl, ["maintenance", "start", "--reason", "roll change", "--for", "10m", "--url", url], folder: folder.path)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("401") && refused.stderr.contains("--token-file"), "stderr: \(refused.stderr)")

        let wrong = folder.path + "/wrong"
        try "not-the-token\n".write(toFile: wrong, atomically: true, encoding: .utf8)
        chmod(wrong, 0o600)
        let wrongRun = try await ChildProcess.run(
            kioskctl, ["maintenance", "start", "--reason", "roll change", "--for", "10m", "--url", url, "--token-file", wrong], folder: folder.path)
        #expect(wrongRun.status != 0)
        #expect(wrongRun.stderr.contains("api.maintainers"), "stderr: \(wrongRun.stderr)")

        let started = try await ChildProcess.run(
            kioskctl, ["maintenance", "start", "--reason", "roll change", "--for", "10m", "--url", url, "--json"], folder: folder.path,
            environment: ["KIOSKD_TOKEN_FILE": folder.path + "/token"])
        #expect(started.status == 0, "stderr: \(started.stderr)")
        let window = try #require(try JSONSerialization.jsonObject(with: Data(started.stdout.utf8)) as? [String: Any])
        #expect(window["actor"] as? String == "王工")

        // Reading needs no token; the socket needs none for changes either.
        let status = try await ChildProcess.run(kioskctl, ["maintenance", "status", "--url", url], folder: folder.path)
        #expect(status.status == 0, "stderr: \(status.stderr)")
        let stopped = try await ChildProcess.run(kioskctl, ["maintenance", "stop", "--socket", folder.path + "/kioskd.sock"], folder: folder.path)
        #expect(stopped.status == 0, "stderr: \(stopped.stderr)")

        let open = folder.path + "/open-token"
        try "\(Self.token)\n".write(toFile: open, atomically: true, encoding: .utf8)
        chmod(open, 0o644)
        let openRun = try await ChildProcess.run(
            kioskctl, ["maintenance", "start", "--reason", "x", "--for", "10m", "--url", url, "--token-file", open], folder: folder.path)
        #expect(openRun.status != 0)
        #expect(openRun.stderr.contains("chmod 600"), "stderr: \(openRun.stderr)")

        let missingFile = try await ChildProcess.run(
            kioskctl, ["maintenance", "start", "--reason", "x", "--for", "10m", "--url", url, "--token-file", folder.path + "/none"], folder: folder.path)
        #expect(missingFile.status != 0)
        #expect(missingFile.stderr.contains("cannot read the token file"), "stderr: \(missingFile.stderr)")

        daemon.process.signal(SIGTERM)
        #expect(try await daemon.process.waitForExit(timeout: .seconds(15)) == 0)
    }
}
