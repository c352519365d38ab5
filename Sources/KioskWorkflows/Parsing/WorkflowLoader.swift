import Foundation
import KioskCore

/// Loads every workflow file of the shipped folder and the override folder; a bad file disables its service only.
public struct WorkflowLoader: Sendable {
    public var parser: WorkflowParser

    public init(parser: WorkflowParser = WorkflowParser()) {
        self.parser = parser
    }

    /// Reads `configuration.directory`, then `configuration.overrides` (a file there replaces the shipped one).
    public func load(_ configuration: WorkflowsConfiguration) -> WorkflowSet {
        load(directories: [configuration.directory] + (configuration.overrides.map { [$0] } ?? []))
    }

    /// Reads the folders in order; a later file with the same id replaces an earlier one.
    public func load(directories: [String]) -> WorkflowSet {
        var files: [String: String] = [:]
        for directory in directories {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = (directory as NSString).appendingPathComponent(name)
                files[WorkflowParser.id(ofFile: path)] = path
            }
        }
        var set = WorkflowSet()
        for id in files.keys.sorted() {
            do {
                set.workflows.append(try parser.parse(file: files[id]!))
            } catch {
                set.problems.append(WorkflowProblem(service: id, file: files[id]!, error: error))
            }
        }
        return set
    }
}

/// The workflows that loaded, and the files that did not.
public struct WorkflowSet: Sendable {
    public var workflows: [WorkflowDefinition] = []
    public var problems: [WorkflowProblem] = []

    public init(workflows: [WorkflowDefinition] = [], problems: [WorkflowProblem] = []) {
        self.workflows = workflows
        self.problems = problems
    }
}

/// A workflow file that could not be used: its service is unavailable until the file is fixed.
public struct WorkflowProblem: Sendable, CustomStringConvertible {
    /// The service id (from the file name).
    public var service: String
    public var file: String
    public var error: ConfigurationError

    public var description: String { "service \(service) disabled: \(error)" }

    /// As `GET /api/v1/services` lists it.
    public var json: JSONValue {
        .object([
            "service": .string(service),
            "file": .string(file),
            "problems": .array(error.problems.map { problem in
                [
                    "line": .number(Double(problem.line)), "column": .number(Double(problem.column)),
                    "key": .string(problem.keyPath), "message": .string(problem.message),
                ]
            }),
        ])
    }
}
