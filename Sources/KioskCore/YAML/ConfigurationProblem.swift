/// One problem found in a YAML file: where it is, which key, and what was expected.
public struct ConfigurationProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in, as given to the reader.
    public var file: String
    /// Line of the offending node, starting from 1.
    public var line: Int
    /// Column of the offending node, starting from 1.
    public var column: Int
    /// Dotted key path from the document root, e.g. `devices[1].match.usb.vendor`.
    public var keyPath: String
    /// What was wrong and what was expected instead.
    public var message: String

    public init(file: String, line: Int, column: Int, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        let key = keyPath.isEmpty ? "(document)" : keyPath
        return "\(file):\(line):\(column): \(key): \(message)"
    }
}

/// Every problem found in one file; thrown when a file cannot be used.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in the order they appear in the file.
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
