import Yams

/// A node of a parsed YAML document together with its key path, for precise error messages.
public struct YAMLValue {
    /// The node as Yams composed it.
    public let node: Node
    /// Dotted key path from the document root.
    public let path: String

    public init(node: Node, path: String) {
        self.node = node
        self.path = path
    }

    /// Line and column of the node (1, 1 when Yams gave no mark).
    public var position: (line: Int, column: Int) {
        guard let mark = node.mark else { return (1, 1) }
        return (mark.line, mark.column)
    }

    /// The key path of a child under this mapping.
    func child(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The key path of an element of this sequence.
    func element(_ index: Int) -> String {
        "\(path)[\(index)]"
    }

    /// What kind of node this is, in words, for "expected X, found Y" messages.
    var kindDescription: String {
        switch node {
        case .scalar(let scalar):
            if scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return "nothing" }
            return "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
