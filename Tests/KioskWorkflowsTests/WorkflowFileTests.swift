import Foundation
import KioskCore
import Testing
@testable import KioskWorkflows

@Suite("Workflow files")
struct WorkflowFileTests {
    static let serviceIDs = [
        "hrss.enrollment", "hrss.contributions", "hrss.pension-certification", "hrss.card-status",
        "hrss.resident-pension-payment", "hrss.unemployment-benefit", "mi.enrollment", "mi.account",
        "mi.resident-payment", "mi.cross-region-filing", "mi.reimbursement-progress", "nr.ownership-certificate",
        "nr.registration-progress", "nr.encumbrance", "nr.registration-records", "nr.certificate-verification",
        "hpf.account", "hpf.deposit-certificate", "hpf.loan", "hpf.withdrawal", "hpf.loan-settlement-certificate",
    ]

    @Test("each of the 21 shipped workflow files loads, starts by identifying and ends with the rating", arguments: serviceIDs)
    func loads(_ id: String) throws {
        let workflow = try loadWorkflow(id)
        #expect(workflow.id == id)
        #expect(workflow.department.rawValue == String(id.prefix { $0 != "." }))
        #expect(workflow.steps.first is IdentifyStep)
        #expect(workflow.steps.last is RateStep)
        #expect(!workflow.names.text("zh-CN").isEmpty && !workflow.names.text("en").isEmpty)
        let printsOnPaper = workflow.steps.contains { $0 is PrintStep }
        #expect(printsOnPaper == (workflow.outputs.contains(.receipt) || workflow.outputs.contains(.a4)))
    }

    @Test("the folder holds exactly the 21 services of SERVICES.md and none fails")
    func folder() {
        let set = WorkflowLoader().load(directories: [workflowsFolder])
        #expect(set.problems.map(\.description) == [])
        #expect(set.workflows.map(\.id).sorted() == Self.serviceIDs.sorted())
    }

    @Test("a bad file is reported with file, line and key, and disables only its own service")
    func badFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workflows-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try String(contentsOfFile: workflowsFolder + "/mi.enrollment.yaml", encoding: .utf8)
        try good.write(toFile: folder + "/mi.enrollment.yaml", atomically: true, encoding: .utf8)
        let bad = good.replacingOccurrences(of: "id: mi.enrollment", with: "id: mi.account")
            .replacingOccurrences(of: "    kind: consent\n", with: "    kind: consnet\n")
        try bad.write(toFile: folder + "/mi.account.yaml", atomically: true, encoding: .utf8)

        let set = WorkflowLoader().load(directories: [folder])

        #expect(set.workflows.map(\.id) == ["mi.enrollment"])
        let problem = try #require(set.problems.first)
        #expect(problem.service == "mi.account")
        let kind = try #require(problem.error.problems.first { $0.keyPath == "steps[1].kind" })
        #expect(kind.file.hasSuffix("mi.account.yaml"))
        #expect(kind.line == 16)
        #expect(kind.message.contains("unknown step kind \"consnet\""))
    }

    @Test("a missing key and a wrong department are named with their key paths")
    func missingKeys() {
        let text = """
        id: hrss.test
        names: {zh-CN: 测试}
        department: tax
        pinyin: cs
        icon: x
        identification: [id-card]
        outputs: [screen]
        steps:
          - {id: identify, kind: identify, title: {zh-CN: 核验, en: Identify}}
          - {id: rate, kind: rate, title: {zh-CN: 评价, en: Rate}}
        """
        #expect {
            try WorkflowParser().parse(text: text, file: "/tmp/hrss.test.yaml")
        } throws: { error in
            let problems = (error as? ConfigurationError)?.problems ?? []
            return problems.contains { $0.keyPath == "names.en" && $0.line == 2 }
                && problems.contains { $0.keyPath == "department" && $0.line == 3 && $0.message.contains("hrss") }
        }
    }

    @Test("a file in the override folder replaces the shipped one with the same id")
    func override() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("overrides-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: workflowsFolder + "/hpf.loan.yaml", encoding: .utf8)
            .replacingOccurrences(of: "pinyin: gjjdkxxjhkmx", with: "pinyin: dk")
        try text.write(toFile: folder + "/hpf.loan.yaml", atomically: true, encoding: .utf8)

        let set = WorkflowLoader().load(WorkflowsConfiguration(directory: workflowsFolder, overrides: folder))

        #expect(set.workflows.count == 21)
        #expect(set.workflows.first { $0.id == "hpf.loan" }?.pinyin == "dk")
    }

    @Test("a new step kind is one type and one registration")
    func registry() throws {
        struct NoteStep: WorkflowStep {
            static let kind = "note"
            static let keys: [String] = []
            let header: StepHeader
            static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> NoteStep? { NoteStep(header: header) }
            func enter(_ context: inout StepContext) -> StepCommand { .advance }
        }
        var registry = StepRegistry.standard
        registry.register(NoteStep.self)
        let text = """
        id: hpf.note
        names: {zh-CN: 说明, en: Note}
        department: hpf
        pinyin: sm
        icon: info
        identification: [case-number]
        outputs: [screen]
        steps:
          - {id: identify, kind: identify, title: {zh-CN: 核验, en: Identify}}
          - {id: note, kind: note, title: {zh-CN: 说明, en: Note}}
          - {id: rate, kind: rate, title: {zh-CN: 评价, en: Rate}}
        """
        let workflow = try WorkflowParser(registry: registry).parse(text: text, file: "hpf.note.yaml")
        #expect(workflow.steps[1] is NoteStep)
        #expect(throws: ConfigurationError.self) { try WorkflowParser().parse(text: text, file: "hpf.note.yaml") }
    }
}
