import NIOCore
import Testing
@testable import KioskAPI

@Suite("API: the citizen's routes serve the kiosk's own screen only")
struct KioskScreenTests {
    @Test("loopback, IPv4-mapped loopback and the Unix socket are the kiosk itself", arguments: [
        "127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1",
    ])
    func local(ip: String) throws {
        #expect(KioskScreenMiddleware.isKioskItself(try SocketAddress(ipAddress: ip, port: 40_000)))
    }

    @Test("any other peer is not", arguments: ["10.0.0.7", "192.168.1.20", "128.0.0.1", "::2", "fe80::1", "::ffff:10.0.0.7", "0.0.0.0"])
    func remote(ip: String) throws {
        #expect(!KioskScreenMiddleware.isKioskItself(try SocketAddress(ipAddress: ip, port: 40_000)))
    }

    @Test("the Unix socket is local")
    func unixSocket() throws {
        #expect(KioskScreenMiddleware.isKioskItself(try SocketAddress(unixDomainSocketPath: "/run/kioskd/kioskd.sock")))
    }
}
