import Hummingbird
import NIOCore

/// Serves the citizen's routes (sessions, events, simulation) only to the kiosk itself: a peer on loopback or on the
/// Unix socket. With `api.listen` opened to the network for fleet scraping and maintainers, nobody on that network
/// can read the current citizen's (masked) data, start, drive or end a visit.
struct KioskScreenMiddleware: RouterMiddleware {
    typealias Context = KioskRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.isKioskItself(context.remoteAddress) else {
            throw HTTPError(.forbidden, message: "the citizen's session is served to the kiosk's own screen only (loopback or the Unix socket), not to \(context.remoteAddress.map { "\($0)" } ?? "this peer")")
        }
        return try await next(request, context)
    }

    /// True for loopback IPv4/IPv6 peers (IPv4-mapped loopback included), the Unix socket, and no address at all
    /// (in-process test channels have none; every TCP connection has one).
    static func isKioskItself(_ address: SocketAddress?) -> Bool {
        guard let address else { return true }
        switch address {
        case .unixDomainSocket:
            return true
        case .v4(let v4):
            return (UInt32(bigEndian: v4.address.sin_addr.s_addr) >> 24) == 127
        case .v6(let v6):
            let bytes = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            if bytes == [UInt8](repeating: 0, count: 15) + [1] { return true }  // ::1
            return bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] && bytes[12] == 127  // ::ffff:127.x.x.x
        }
    }
}
