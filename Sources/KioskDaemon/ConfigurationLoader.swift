import Foundation
import KioskCore

/// Reads the configuration file from disk and validates it.
enum ConfigurationLoader {
    /// The file at `path`, parsed and validated; a missing or unreadable file is a problem at line 1.
    static func load(path: String) throws(ConfigurationError) -> KioskConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "the file cannot be read (check its permissions)" : "the file does not exist"
            throw ConfigurationError(problems: [.init(file: path, line: 1, column: 1, keyPath: "", message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [.init(file: path, line: 1, column: 1, keyPath: "", message: "the file is not UTF-8 text")])
        }
        return try KioskConfiguration.parse(yaml: text, file: path)
    }
}
