import KioskCore

/// Reads the configuration file from disk and validates it against the installed device profiles.
enum ConfigurationLoader {
    /// The file at `path`, parsed and validated; a missing or unreadable file is a problem at line 1.
    static func load(path: String, profiles: ProfileCatalogue? = nil) throws(ConfigurationError) -> KioskConfiguration {
        try KioskConfiguration.parse(yaml: try YAMLFile.read(path), file: path, profiles: profiles?.profiles)
    }
}
