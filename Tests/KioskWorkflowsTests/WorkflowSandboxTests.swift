import KioskCore
import KioskEmulators
import Testing
@testable import KioskWorkflows

@Suite("Workflows against the sandbox backends")
struct WorkflowSandboxTests {
    /// Services zhang (the ID card of `FakeDevices`) can complete, with the inputs their forms need.
    static let services: [(id: String, fields: [String: String])] = [
        ("hrss.enrollment", [:]), ("hrss.contributions", [:]), ("hrss.card-status", [:]), ("mi.enrollment", [:]),
        ("mi.account", [:]), ("mi.reimbursement-progress", [:]), ("nr.ownership-certificate", [:]), ("nr.encumbrance", [:]),
        ("nr.registration-records", [:]), ("hpf.account", [:]), ("hpf.deposit-certificate", [:]), ("hpf.loan", [:]),
        ("mi.cross-region-filing", ["destination": "990200", "reason": "temporary", "phone": "13800000000"]),
    ]

    @Test("the ID-card services run to the rating against the sandbox with zhang's card; no answer is malformed", arguments: services.map(\.id))
    func runs(_ id: String) async throws {
        let fields = Self.services.first { $0.id == id }?.fields ?? [:]
        let workflow = try loadWorkflow(id)
        try await SandboxFixture.with { sandbox in
            var driver = MachineDriver(workflow, devices: FakeDevices(), departments: FakeDepartments(), clock: ManualSessionClock(), departmentsOverride: sandbox.client)
            await driver.start()
            var guardCount = 0
            while driver.machine.state == .active, let step = driver.machine.step, guardCount < 20 {
                guardCount += 1
                switch step {
                case is ConsentStep: try await driver.send(SessionInput(action: "confirm"))
                case is ShowStep, is PrintStep: try await driver.send(SessionInput(action: "next"))
                case let choose as ChooseStep:
                    let first = choose.offered(driver.machine.context).first?.value ?? ""
                    try await driver.send(SessionInput(action: "select", values: [first == "finish" ? "finish" : first]))
                case is FormStep: try await driver.send(SessionInput(action: "submit", fields: fields))
                case is RateStep: try await driver.send(SessionInput(action: "rate", level: 4))
                default:
                    Issue.record("stuck on \(step.header.id): \(driver.machine.view(now: .zero))")
                    return
                }
            }
            if id == "mi.reimbursement-progress" {  // zhang has no claim: NO_RECORDS, shown with the department's words
                #expect(driver.machine.state == .failed)
                #expect(driver.machine.context.error?.code == "department.refused")
                return
            }
            #expect(driver.machine.state == .finished, "\(id) ended \(driver.machine.state) at \(driver.machine.lastStepID): \(driver.machine.context.error?.message.text("en") ?? "")")
        }
    }
}
