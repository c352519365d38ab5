
/// Body of `GET /api/v1/version`.
public struct VersionInfo: Codable, Sendable, Equatable {
    /// kioskd's release version.
    public var version: String
    /// The API's version prefix.
    public var api: String
    /// Operating system and architecture the daemon was built for.
    public var platform: String

    public init(version: String, api: String, platform: String) {
        self.version = version
        self.api = api
        self.platform = platform
    }
}
