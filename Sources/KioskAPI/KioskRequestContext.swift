import Foundation
import Hummingbird
import NIOCore

/// The request context of kioskd's routes: Hummingbird's core context, the peer's address and the maintainer, if any.
public struct KioskRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The authenticated maintainer's name (TCP with a bearer token); nil for the Unix socket and citizens' requests.
    public var maintainer: String?
    /// The peer's address: nil for in-process test channels, a Unix-domain address on the socket.
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Who is recorded as having made a change: the authenticated maintainer, else what the caller declared
    /// (over the Unix socket, whose file permissions already decided who may connect), else `fallback`.
    public func actor(declared: String?, fallback: String = "api") -> String {
        if let maintainer { return maintainer }
        let trimmed = declared?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? fallback : trimmed
    }
}
