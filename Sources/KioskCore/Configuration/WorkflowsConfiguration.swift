/// Where the service workflow files are read from.
public struct WorkflowsConfiguration: Sendable, Equatable {
    /// The shipped workflows.
    public var directory: String
    /// Local overrides, read after `directory`; a file here replaces the shipped one with the same id.
    public var overrides: String?

    public init(directory: String = "/usr/share/kioskd/workflows", overrides: String? = "/etc/kioskd/workflows.d") {
        self.directory = directory
        self.overrides = overrides
    }
}
