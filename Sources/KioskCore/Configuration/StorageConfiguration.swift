/// Where kioskd keeps its state.
public struct StorageConfiguration: Sendable, Equatable {
    /// Folder of the SQLite database; systemd's `StateDirectory=` makes it.
    public var directory: String

    public init(directory: String = "/var/lib/kioskd") {
        self.directory = directory
    }
}
