import Foundation

/// Reads a YAML file's text, turning a missing or unreadable file into a problem at line 1.
public enum YAMLFile {
    /// The file's text as UTF-8.
    public static func read(_ path: String) throws(ConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "the file cannot be read (check its permissions)" : "the file does not exist"
            throw ConfigurationError(problems: [.init(file: path, line: 1, column: 1, keyPath: "", message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [.init(file: path, line: 1, column: 1, keyPath: "", message: "the file is not UTF-8 text")])
        }
        return text
    }
}
