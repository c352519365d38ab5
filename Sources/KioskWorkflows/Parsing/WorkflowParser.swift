import Foundation
import KioskCore

/// Reads one workflow file into a `WorkflowDefinition`, reporting every problem with file, line and key.
public struct WorkflowParser: Sendable {
    public var registry: StepRegistry

    public init(registry: StepRegistry = .standard) {
        self.registry = registry
    }

    /// The keys of a workflow file.
    public static let keys = ["id", "names", "department", "pinyin", "icon", "identification", "devices", "outputs", "idle-timeout", "steps"]

    /// Parses a file from disk.
    public func parse(file path: String) throws(ConfigurationError) -> WorkflowDefinition {
        try parse(text: try YAMLFile.read(path), file: path)
    }

    /// Parses a file's text; `file` names it in problems and its base name must be the id.
    public func parse(text: String, file: String) throws(ConfigurationError) -> WorkflowDefinition {
        let reader = YAMLReader(file: file)
        guard let root = reader.parse(text), let table = reader.table(root, allowed: Self.keys) else {
            try reader.throwIfProblems()
            throw ConfigurationError(problems: [.init(file: file, line: 1, column: 1, keyPath: "", message: "expected a workflow mapping")])
        }
        let expectedID = Self.id(ofFile: file)
        let id = table.parsed("id", expected: Identifier.expected) { Identifier.isValid($0) ? $0 : nil }
        if let id, let idValue = table.field("id"), id != expectedID {
            reader.report(idValue, "the id must match the file name: rename the file to \(id).yaml or set id: \(expectedID)")
        }
        let names = reader.localized(table, "names")
        let department = table.choice("department", of: Department.self)
        let pinyin = table.parsed("pinyin", expected: "lower-case pinyin initials (a-z)") { text in
            text.allSatisfy { $0.isASCII && $0.isLowercase } ? text : nil
        }
        let icon = table.string("icon")
        let identification = reader.choices(table, "identification", of: IdentificationMethod.self)
        let devices = reader.choices(table, "devices", of: DeviceRole.self, required: false) ?? []
        let outputs = reader.choices(table, "outputs", of: ServiceOutput.self)
        let idle = table.duration("idle-timeout", in: .seconds(30) ... .seconds(900), required: false)
        var steps: [any WorkflowStep] = []
        if let stepValues = table.list("steps") {
            let before = reader.problems.count
            steps = stepValues.compactMap { registry.parse($0, reader: reader) }
            if steps.count != stepValues.count, reader.problems.count == before, let first = stepValues.first {
                reader.report(first, keyPath: "steps", "a step could not be read")
            }
            check(steps, in: table, reader: reader)
        }
        try reader.throwIfProblems()
        guard let id, let names, let department, let pinyin, let icon, let identification, let outputs else {
            throw ConfigurationError(problems: [.init(file: file, line: 1, column: 1, keyPath: "", message: "the workflow is incomplete")])
        }
        return WorkflowDefinition(
            id: id, names: names, department: department, pinyin: pinyin, icon: icon, identification: identification,
            devices: devices, outputs: outputs, idleTimeout: idle, steps: steps, file: file
        )
    }

    /// Rules across steps: unique ids, identify first, rate last, print steps name an earlier show step.
    func check(_ steps: [any WorkflowStep], in table: YAMLTable, reader: YAMLReader) {
        guard let at = table.field("steps") else { return }
        var seen: Set<String> = []
        for (index, step) in steps.enumerated() {
            if !seen.insert(step.header.id).inserted {
                reader.report(at, keyPath: "steps[\(index)].id", "step id \"\(step.header.id)\" is used twice; step ids must be unique")
            }
            if let print = step as? PrintStep, !steps[..<index].contains(where: { $0.header.id == print.from && $0 is ShowStep }) {
                reader.report(at, keyPath: "steps[\(index)].from", "\"\(print.from)\" is not an earlier show step")
            }
        }
        if steps.isEmpty { reader.report(at, "a workflow needs at least one step") }
        if let last = steps.last, !(last is RateStep) {
            reader.report(at, keyPath: "steps[\(steps.count - 1)]", "every service ends with a rate step")
        }
    }

    /// `workflows/hrss.enrollment.yaml` → `hrss.enrollment`.
    public static func id(ofFile path: String) -> String {
        let name = (path as NSString).lastPathComponent
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}
