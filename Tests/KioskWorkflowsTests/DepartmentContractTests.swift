import KioskCore
import KioskEmulators
import KioskWorkflows
import Testing

/// Every operation of docs/departments.md, called through the client against the sandbox, answers its contract shape.
@Suite("Department contract against the sandbox backends")
struct DepartmentContractTests {
    /// One call per operation of the contract, with a citizen for whom it succeeds.
    static let calls: [(Department, String, JSONValue)] = [
        (.hrss, "enrollment.query", SandboxFixture.byID("zhang")),
        (.hrss, "contributions.years", SandboxFixture.byID("zhang")),
        (.hrss, "contributions.query", SandboxFixture.byID("zhang", ["years": [2025, 2024]])),
        (.hrss, "pension-certification.query", SandboxFixture.byID("li")),
        (.hrss, "pension-certification.submit", SandboxFixture.byID("li")),
        (.hrss, "card-status.query", SandboxFixture.byID("wang")),
        (.hrss, "card-status.submit", SandboxFixture.byID("wang")),
        (.hrss, "resident-pension-payment.query", SandboxFixture.byID("ouyang")),
        (.hrss, "resident-pension-payment.pay", SandboxFixture.byID("ouyang", ["grade": "3"])),
        (.hrss, "unemployment-benefit.query", SandboxFixture.byID("wang")),
        (.hrss, "unemployment-benefit.submit", SandboxFixture.byID("wang", ["phone": "13800000000", "bankAccount": "6222000000000000000"])),
        (.mi, "enrollment.query", ["voucher": "MIQR1.9901.ZC7K3P9QXD2M"]),
        (.mi, "account.query", ["ssn": "S99000002"]),
        (.mi, "resident-payment.query", SandboxFixture.byID("ouyang")),
        (.mi, "resident-payment.pay", ["voucher": "MIQR1.9901.OY9D5R1KTF3C"]),
        (.mi, "cross-region-filing.submit", SandboxFixture.byID("li", ["destination": "990200", "reason": "retiree-relocated", "phone": "13900000000"])),
        (.mi, "reimbursement-progress.query", SandboxFixture.byID("li")),
        (.nr, "ownership-certificate.query", SandboxFixture.byID("wang")),
        (.nr, "registration-progress.query", ["caseNumber": "202611180031"]),
        (.nr, "encumbrance.query", SandboxFixture.byID("ouyang")),
        (.nr, "registration-records.query", SandboxFixture.byID("li")),
        (.nr, "certificate-verification.query", ["caseNumber": "9901202100012345"]),
        (.hpf, "account.query", SandboxFixture.byID("zhang")),
        (.hpf, "deposit-certificate.query", SandboxFixture.byID("wang")),
        (.hpf, "loan.query", SandboxFixture.byID("zhang")),
        (.hpf, "withdrawal.query", SandboxFixture.byID("wang")),
        (.hpf, "withdrawal.submit", SandboxFixture.byID("wang", ["amount": "1500.00", "phone": "13800000000", "bankAccount": "6222000000000000"])),
        (.hpf, "loan-settlement-certificate.query", SandboxFixture.byID("li")),
    ]

    @Test("the table covers every operation of the contract except payments.status")
    func coversContract() {
        let covered = Set(Self.calls.map { "\($0.0.rawValue)/\($0.1)" })
        let listed = Set(DepartmentContract.table.flatMap { department, operations in
            operations.keys.filter { $0 != "payments.status" }.map { "\(department.rawValue)/\($0)" }
        })
        #expect(covered == listed)
    }

    @Test("each operation answers 200 with its required fields", arguments: 0..<calls.count)
    func answersShape(index: Int) async throws {
        let (department, operation, body) = Self.calls[index]
        try await SandboxFixture.with { sandbox in
            let response = try await sandbox.call(department, operation, body, idempotent: operation.hasSuffix(".query"))
            let shape = try #require(DepartmentContract.operation(department, operation)?.shape)
            #expect(shape.violation(in: response) == nil)
            #expect(await sandbox.state.requestCount("\(department.rawValue)/\(operation.replacingOccurrences(of: ".", with: "/"))") == 1)
        }
    }

    @Test("submissions and payments are never idempotent in the contract; queries are")
    func kinds() {
        for operation in DepartmentContract.table.values.flatMap(\.values) {
            let query = operation.name.hasSuffix(".query") || operation.name == "contributions.years" || operation.name == "payments.status"
            #expect(operation.kind.isIdempotent == query, "\(operation.name)")
        }
    }
}
