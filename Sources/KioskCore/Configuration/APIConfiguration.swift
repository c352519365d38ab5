/// The HTTP API: where it listens and who may use its maintenance endpoints.
public struct APIConfiguration: Sendable, Equatable {
    /// TCP address for the touch UI and remote maintenance.
    public var listen: ListenAddress
    /// Unix socket for `kioskctl` on the kiosk itself.
    public var socketPath: String
    /// Maintainers allowed to use maintenance endpoints over TCP.
    public var maintainers: [Maintainer]

    public init(
        listen: ListenAddress = ListenAddress(host: "127.0.0.1", port: 8080),
        socketPath: String = "/run/kioskd/kioskd.sock",
        maintainers: [Maintainer] = []
    ) {
        self.listen = listen
        self.socketPath = socketPath
        self.maintainers = maintainers
    }
}

/// A maintainer's credential: a name and the SHA-256 of their bearer token (never the token itself).
public struct Maintainer: Sendable, Equatable {
    /// Name recorded in the audit log.
    public var name: String
    /// Lower-case hex SHA-256 of the token.
    public var tokenSHA256: String

    public init(name: String, tokenSHA256: String) {
        self.name = name
        self.tokenSHA256 = tokenSHA256
    }
}
