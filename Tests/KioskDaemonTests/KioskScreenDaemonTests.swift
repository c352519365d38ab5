import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// kioskd listening on every address (as for fleet scraping): the citizen's routes answer the kiosk itself only.
@Suite("kioskd on the network keeps the citizen's visit to the kiosk's own screen", .serialized)
struct KioskScreenDaemonTests {
    /// A non-loopback IPv4 address of this machine, to reach kioskd as another host on the network would.
    static func networkAddress() -> String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return nil }
        defer { freeifaddrs(list) }
        var entry = list
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard let address = current.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            let ipv4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            var copy = ipv4
            guard inet_ntop(AF_INET, &copy, &text, socklen_t(text.count)) != nil else { continue }
            let ip = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !ip.hasPrefix("127.") { return ip }
        }
        return nil
    }

    /// The status line's code of a WebSocket upgrade request for /api/v1/events sent to `host`:`port`.
    static func upgradeStatus(host: String, port: String, folder: String) async throws -> String {
        let script = """
            import socket, sys
            s = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)
            s.sendall(b"GET /api/v1/events HTTP/1.1\\r\\nHost: kiosk\\r\\nConnection: Upgrade\\r\\nUpgrade: websocket\\r\\n"
                      b"Sec-WebSocket-Version: 13\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\n\\r\\n")
            print(s.recv(200).split(b"\\r\\n")[0].decode())
            """
        let run = try await ChildProcess.run("/usr/bin/python3", ["-c", script, host, port], folder: folder)
        return run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("from another address sessions, events and simulation are 403 and health answers; from loopback they work")
    func screenOnly() async throws {
        let ip = try #require(Self.networkAddress(), "this machine has no non-loopback IPv4 address to reach kioskd from")
        let folder = TemporaryFolder("kioskd-screen")
        defer { folder.cleanUp() }
        let daemon = try await SimulatedDaemon.start(folder: folder, listen: "0.0.0.0")

        let current = try await daemon.request(.GET, "/api/v1/sessions/current", host: ip)
        #expect(current.status == 403)
        #expect(current.text.contains("kiosk's own screen"))
        #expect(try await daemon.request(.POST, "/api/v1/sessions", body: #"{"service": "hrss.enrollment"}"#, host: ip).status == 403)
        #expect(try await daemon.request(.GET, "/api/v1/simulation/cards", host: ip).status == 403)
        // The upgrade is refused (the HTTP/1 upgrade handler answers a refused upgrade 400), and a plain GET gets the 403.
        let upgrade = try await Self.upgradeStatus(host: ip, port: daemon.port, folder: folder.path)
        #expect(upgrade.hasPrefix("HTTP/1.1 4"), "\(upgrade)")
        #expect(try await daemon.request(.GET, "/api/v1/events", host: ip).status == 403)
        #expect(try await daemon.request(.GET, "/api/v1/services", host: ip).status == 200, "the catalogue holds no citizen's data")
        #expect([200, 503].contains(try await daemon.request(.GET, "/api/v1/health", host: ip).status))

        #expect(try await daemon.request(.GET, "/api/v1/simulation/cards").status == 200)
        let started = try await daemon.request(.POST, "/api/v1/sessions", body: #"{"service": "hrss.enrollment"}"#)
        #expect(started.status == 201)
        #expect(try await Self.upgradeStatus(host: "127.0.0.1", port: daemon.port, folder: folder.path).hasPrefix("HTTP/1.1 101"))

        daemon.process.signal(SIGTERM)
        #expect(try await daemon.process.waitForExit(timeout: .seconds(15)) == 0)
    }
}
