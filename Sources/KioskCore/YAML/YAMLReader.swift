import Yams

/// Reads a YAML file into typed values while collecting every problem with file, line and key path.
///
/// A reader reports and continues: callers get `nil` for a bad value and keep reading, so that one
/// run lists every problem in the file instead of the first one only.
public final class YAMLReader {
    /// The file name used in problem reports.
    public let file: String
    /// Problems found so far, in the order found.
    public private(set) var problems: [ConfigurationProblem] = []

    public init(file: String) {
        self.file = file
    }

    /// Parses the text; a syntax error is reported with its position and gives `nil`.
    public func parse(_ text: String) -> YAMLValue? {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                problems.append(.init(file: file, line: 1, column: 1, keyPath: "", message: "the file is empty; expected a mapping"))
                return nil
            }
            return YAMLValue(node: node, path: "")
        } catch let error as YamlError {
            problems.append(Self.problem(from: error, file: file))
            return nil
        } catch {
            problems.append(.init(file: file, line: 1, column: 1, keyPath: "", message: "cannot read YAML: \(error)"))
            return nil
        }
    }

    /// Records a problem at a value.
    public func report(_ value: YAMLValue, _ message: String) {
        let (line, column) = value.position
        problems.append(.init(file: file, line: line, column: column, keyPath: value.path, message: message))
    }

    /// Records a problem at a value under a key path other than the value's own (e.g. a missing key).
    public func report(_ value: YAMLValue, keyPath: String, _ message: String) {
        let (line, column) = value.position
        problems.append(.init(file: file, line: line, column: column, keyPath: keyPath, message: message))
    }

    /// Throws every collected problem, sorted by position, if there is any.
    public func throwIfProblems() throws(ConfigurationError) {
        guard !problems.isEmpty else { return }
        throw ConfigurationError(problems: problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
    }

    // MARK: Structure

    /// The value as a mapping whose keys must come from `allowed`; unknown keys are reported.
    public func table(_ value: YAMLValue, allowed: [String]) -> YAMLTable? {
        guard case .mapping(let mapping) = value.node else {
            report(value, "expected a mapping with keys \(allowed.joined(separator: ", ")), found \(value.kindDescription)")
            return nil
        }
        var fields: [String: YAMLValue] = [:]
        for (keyNode, valueNode) in mapping {
            guard let key = keyNode.scalar?.string else {
                report(YAMLValue(node: keyNode, path: value.path), "expected a plain key")
                continue
            }
            let child = YAMLValue(node: valueNode, path: value.child(key))
            let keyValue = YAMLValue(node: keyNode, path: child.path)
            if !allowed.isEmpty, !allowed.contains(key) {
                report(keyValue, "unknown key; expected one of \(allowed.joined(separator: ", "))")
            } else {
                fields[key] = child
            }
        }
        return YAMLTable(reader: self, value: value, fields: fields)
    }

    /// The value as a mapping with free keys (for maps keyed by id); keys must match `keyPattern`.
    public func dictionary(_ value: YAMLValue, keyDescription: String, isValidKey: (String) -> Bool) -> [(key: String, value: YAMLValue)]? {
        guard case .mapping(let mapping) = value.node else {
            report(value, "expected a mapping keyed by \(keyDescription), found \(value.kindDescription)")
            return nil
        }
        var result: [(key: String, value: YAMLValue)] = []
        for (keyNode, valueNode) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let child = YAMLValue(node: valueNode, path: value.child(key))
            if !isValidKey(key) {
                report(YAMLValue(node: keyNode, path: child.path), "expected \(keyDescription) as the key, found \"\(key)\"")
            } else {
                result.append((key, child))
            }
        }
        return result
    }

    /// The value as a list of values with indexed key paths.
    public func list(_ value: YAMLValue) -> [YAMLValue]? {
        guard case .sequence(let sequence) = value.node else {
            report(value, "expected a list, found \(value.kindDescription)")
            return nil
        }
        return sequence.enumerated().map { YAMLValue(node: $1, path: value.element($0)) }
    }

    // MARK: Scalars

    /// The value as a non-empty string.
    public func string(_ value: YAMLValue) -> String? {
        guard case .scalar(let scalar) = value.node, !scalar.string.isEmpty else {
            report(value, "expected a text value, found \(value.kindDescription)")
            return nil
        }
        return scalar.string
    }

    /// The value as an integer in a range.
    public func integer(_ value: YAMLValue, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = value.node, let number = Int(scalar.string) else {
            report(value, "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(value.kindDescription)")
            return nil
        }
        guard range.contains(number) else {
            report(value, "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(number)")
            return nil
        }
        return number
    }

    /// The value as a boolean (`true` or `false`).
    public func boolean(_ value: YAMLValue) -> Bool? {
        guard case .scalar(let scalar) = value.node, let flag = Bool(scalar.string.lowercased()) else {
            report(value, "expected true or false, found \(value.kindDescription)")
            return nil
        }
        return flag
    }

    /// The value as a duration such as `250ms`, `30s`, `5m` or `1h`, within bounds.
    public func duration(_ value: YAMLValue, in range: ClosedRange<Duration>) -> Duration? {
        guard let text = string(value) else { return nil }
        guard let duration = DurationText.parse(text) else {
            report(value, "expected a duration such as 250ms, 30s, 5m or 1h, found \"\(text)\"")
            return nil
        }
        guard range.contains(duration) else {
            report(value, "expected a duration from \(DurationText.format(range.lowerBound)) to \(DurationText.format(range.upperBound)), found \(text)")
            return nil
        }
        return duration
    }

    /// The value as one of the raw values of an enumeration.
    public func choice<T: RawRepresentable & CaseIterable>(_ value: YAMLValue, of type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(value) else { return nil }
        guard let result = T(rawValue: text) else {
            let options = T.allCases.map(\.rawValue).joined(separator: ", ")
            report(value, "expected one of \(options), found \"\(text)\"")
            return nil
        }
        return result
    }

    /// The value as a string that `parse` accepts; `expected` says what it should look like.
    public func parsed<T>(_ value: YAMLValue, expected: String, _ parse: (String) -> T?) -> T? {
        guard let text = string(value) else { return nil }
        guard let result = parse(text) else {
            report(value, "expected \(expected), found \"\(text)\"")
            return nil
        }
        return result
    }

    static func problem(from error: YamlError, file: String) -> ConfigurationProblem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .init(file: file, line: mark.line, column: mark.column, keyPath: "", message: "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let mark = context.mark
            return .init(file: file, line: mark.line, column: mark.column, keyPath: duplicates.joined(separator: ", "), message: "key appears twice in the same mapping; keep one")
        default:
            return .init(file: file, line: 1, column: 1, keyPath: "", message: "cannot read YAML: \(error)")
        }
    }
}
