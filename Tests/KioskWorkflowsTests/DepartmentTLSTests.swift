import Foundation
import KioskCore
import KioskEmulators
import KioskWorkflows
import Testing

/// Mutual TLS against `openssl s_server` with certificates made by the `openssl` CLI at test time.
@Suite("Department client over mutual TLS", .serialized)
struct DepartmentTLSTests {
    @Test("with the kiosk's certificate the health check passes; without it the server refuses the handshake")
    func mutualTLS() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-mtls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try makeCertificates(in: folder)
        try Data("ok\n".utf8).write(to: URL(fileURLWithPath: folder + "/health"))

        let probe = SandboxServer()
        let port = try await probe.start()
        await probe.stop()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = [
            "openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.pem", "-key", "server.key",
            "-CAfile", "ca.pem", "-Verify", "1", "-WWW", "-quiet",
        ]
        server.currentDirectoryURL = URL(fileURLWithPath: folder)
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate() }

        let base = "https://127.0.0.1:\(port)"
        let mutual = DepartmentClient(departments: [
            .nr: DepartmentConfiguration(baseURL: base, timeout: .seconds(3), retries: 0, tls: TLSConfiguration(
                caFile: folder + "/ca.pem", certificateFile: folder + "/client.pem", keyFile: folder + "/client.key"
            )),
            .hpf: DepartmentConfiguration(baseURL: base, timeout: .seconds(3), retries: 0, tls: TLSConfiguration(caFile: folder + "/ca.pem")),
        ])
        var reachable = false
        for _ in 0..<50 where !reachable {
            reachable = await mutual.isReachable(.nr)
            if !reachable { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(reachable, "the client with its certificate passes the server's verification")
        do {
            try await mutual.ping(.hpf)
            Issue.record("a client without a certificate must be refused")
        } catch {
            guard case .unreachable(.hpf, "health", _) = error else {
                Issue.record("expected unreachable, got \(error)")
                await mutual.shutdown()
                return
            }
        }
        await mutual.shutdown()
    }

    @Test("a missing key file makes the department unusable with a message naming the file")
    func missingKey() async throws {
        let client = DepartmentClient(departments: [
            .mi: DepartmentConfiguration(baseURL: "https://127.0.0.1:9", tls: TLSConfiguration(
                certificateFile: "/nonexistent/kiosk.pem", keyFile: "/nonexistent/kiosk.key"
            )),
        ])
        do {
            try await client.ping(.mi)
            Issue.record("expected a configuration error")
        } catch {
            guard case .invalidConfiguration(.mi, let reason) = error else {
                Issue.record("expected invalid configuration, got \(error)")
                return
            }
            #expect(reason.contains("/nonexistent/kiosk.pem"))
            #expect(error.localizedMessage["zh-CN"] == "本机暂未开通医保业务，请到服务窗口办理")
        }
        await client.shutdown()
    }

    private func makeCertificates(in folder: String) throws {
        try Data("subjectAltName=IP:127.0.0.1\n".utf8).write(to: URL(fileURLWithPath: folder + "/san.cnf"))
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=Kiosk Test CA"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"],
            ["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem",
             "-days", "1", "-extfile", "san.cnf"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client.key", "-out", "client.csr", "-subj", "/CN=test-001"],
            ["x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client.pem", "-days", "1"],
        ]
        for arguments in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["openssl"] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: folder)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " "))")
        }
    }
}
