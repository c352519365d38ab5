import KioskCore
import KioskEmulators
import KioskWorkflows
import Testing

/// The department client against the sandbox: the data of each department, submissions, payments, refusals.
@Suite("Department client with the sandbox departments")
struct DepartmentClientTests {
    @Test("hrss: enrolment by ID number and by social-security card number give the same person")
    func hrssEnrollment() async throws {
        try await SandboxFixture.with { sandbox in
            let byID = try await sandbox.call(.hrss, "enrollment.query", SandboxFixture.byID("li"))
            let bySSN = try await sandbox.call(.hrss, "enrollment.query", ["ssn": "S99000002"])
            #expect(byID == bySSN)
            #expect(byID["name"] == "李示例")
            #expect(byID.value(at: "insurances.0.status") == "retired")
            #expect(byID["totalMonths"] == 299)
        }
    }

    @Test("hrss: contributions of chosen years carry totals and a certificate that a retry gets again")
    func hrssContributions() async throws {
        try await SandboxFixture.with { sandbox in
            let years = try await sandbox.call(.hrss, "contributions.years", SandboxFixture.byID("wang"))
            #expect(years["years"] == [2026, 2025, 2024, 2023, 2022])
            let body = SandboxFixture.byID("wang", ["years": [2023, 2022]])
            let first = try await sandbox.call(.hrss, "contributions.query", body)
            #expect(first.value(at: "totals.months") == 18)
            #expect(first.value(at: "records.0.month") == "2023-12")
            #expect(first.value(at: "records.0.base") == "4600.00")
            #expect(first.value(at: "records.0.personalAmount") == "483.00")
            let again = try await sandbox.call(.hrss, "contributions.query", body)
            #expect(first.value(at: "certificate.verificationCode") == again.value(at: "certificate.verificationCode"))
            #expect(first.value(at: "certificate.verificationUrl")?.stringValue?.hasPrefix("https://verify.hrss.") == true)
        }
    }

    @Test("hrss: pension certification returns a case number once, then a typed duplicate refusal")
    func hrssPensionCertification() async throws {
        try await SandboxFixture.with { sandbox in
            let status = try await sandbox.call(.hrss, "pension-certification.query", SandboxFixture.byID("li"))
            #expect(status["due"] == true)
            let submitted = try await sandbox.call(.hrss, "pension-certification.submit", SandboxFixture.byID("li"), idempotent: false)
            #expect(submitted["caseNumber"]?.stringValue?.hasPrefix("HRSS") == true)
            #expect(submitted["certifiedUntil"] == "2027-12-31")
            let error = await sandbox.failure(.hrss, "pension-certification.submit", SandboxFixture.byID("li"), idempotent: false)
            #expect(error?.problemCode == "DUPLICATE")
            #expect(error?.localizedMessage["zh-CN"] == "您本年度已完成认证")
            #expect(error?.isRetryable == false)
            let after = try await sandbox.call(.hrss, "pension-certification.query", SandboxFixture.byID("li"))
            #expect(after["due"] == false)
        }
    }

    @Test("hrss: a temporary loss report changes the card status")
    func hrssCardLoss() async throws {
        try await SandboxFixture.with { sandbox in
            #expect(try await sandbox.call(.hrss, "card-status.query", SandboxFixture.byID("wang"))["status"] == "active")
            let report = try await sandbox.call(.hrss, "card-status.submit", SandboxFixture.byID("wang"), idempotent: false)
            #expect(report["status"] == "lost-temporary")
            #expect(try await sandbox.call(.hrss, "card-status.query", SandboxFixture.byID("wang"))["status"] == "lost-temporary")
        }
    }

    @Test("hrss: a bad form field is refused naming the field, and an ineligible citizen is told why")
    func hrssUnemploymentRefusals() async throws {
        try await SandboxFixture.with { sandbox in
            let bad = SandboxFixture.byID("wang", ["phone": "2380000000", "bankAccount": "6222000000000000000"])
            let error = await sandbox.failure(.hrss, "unemployment-benefit.submit", bad, idempotent: false)
            guard case .status(.hrss, "unemployment-benefit.submit", 422, let problem) = error else {
                Issue.record("expected 422, got \(String(describing: error))")
                return
            }
            #expect(problem?.code == "INVALID_FIELD")
            #expect(problem?.field == "phone")
            let zhang = try await sandbox.call(.hrss, "unemployment-benefit.query", SandboxFixture.byID("zhang"))
            #expect(zhang["eligible"] == false)
            #expect(zhang.value(at: "reason.zh-CN") != nil)
        }
    }

    @Test("mi and hrss: a payment waits, is paid when the sandbox confirms it, and cannot be made twice")
    func paymentFlow() async throws {
        try await SandboxFixture.with { sandbox in
            let before = try await sandbox.call(.mi, "resident-payment.query", SandboxFixture.byID("ouyang"))
            #expect(before["paid"] == false)
            #expect(before["amount"] == "400.00")
            let payment = try await sandbox.call(.mi, "resident-payment.pay", SandboxFixture.byID("ouyang"), idempotent: false)
            #expect(payment["status"] == "waiting")
            let id = try #require(payment["paymentId"]?.stringValue)
            #expect(payment["qr"]?.stringValue?.contains(id) == true)
            #expect(try await sandbox.call(.mi, "payments.status", ["paymentId": .string(id)])["status"] == "waiting")
            #expect(await sandbox.state.pay(id))
            let paid = try await sandbox.call(.mi, "payments.status", ["paymentId": .string(id)])
            #expect(paid["status"] == "paid")
            #expect(paid["receiptNumber"]?.stringValue != nil)
            #expect(try await sandbox.call(.mi, "resident-payment.query", SandboxFixture.byID("ouyang"))["paid"] == true)
            let again = await sandbox.failure(.mi, "resident-payment.pay", SandboxFixture.byID("ouyang"), idempotent: false)
            #expect(again?.problemCode == "DUPLICATE")
            let elsewhere = await sandbox.failure(.hrss, "payments.status", ["paymentId": .string(id)])
            #expect(elsewhere?.problemCode == "CASE_NOT_FOUND")
        }
    }

    @Test("hrss: a payment becomes paid by itself after the configured delay; an expired one stays expired")
    func paymentDelay() async throws {
        try await SandboxFixture.with(paymentDelay: .milliseconds(200)) { sandbox in
            let payment = try await sandbox.call(
                .hrss, "resident-pension-payment.pay", SandboxFixture.byID("ouyang", ["grade": "2"]), idempotent: false
            )
            #expect(payment["amount"] == "300.00")
            let id = try #require(payment["paymentId"]?.stringValue)
            try await Task.sleep(for: .milliseconds(300))
            #expect(try await sandbox.call(.hrss, "payments.status", ["paymentId": .string(id)])["status"] == "paid")
        }
        try await SandboxFixture.with { sandbox in
            let payment = try await sandbox.call(.mi, "resident-payment.pay", SandboxFixture.byID("ouyang"), idempotent: false)
            let id = try #require(payment["paymentId"]?.stringValue)
            #expect(await sandbox.state.expire(id))
            #expect(try await sandbox.call(.mi, "payments.status", ["paymentId": .string(id)])["status"] == "expired")
            #expect(await sandbox.state.pay(id) == false)
        }
    }

    @Test("mi: the account by e-voucher has a running balance, newest first")
    func miAccount() async throws {
        try await SandboxFixture.with { sandbox in
            let account = try await sandbox.call(.mi, "account.query", ["voucher": "MIQR1.9901.ZC7K3P9QXD2M"])
            #expect(account["balance"] == "3268.45")
            #expect(account.value(at: "transactions.0.date") == "2026-11-20")
            #expect(account.value(at: "transactions.0.balanceAfter") == "3268.45")
            #expect(account.value(at: "transactions.1.balanceAfter") == "3315.25")
            let resident = await sandbox.failure(.mi, "account.query", SandboxFixture.byID("ouyang"))
            #expect(resident?.problemCode == "NO_RECORDS")
        }
    }

    @Test("nr: no property gives a non-ownership certificate; case numbers and certificate checks work without a citizen")
    func nrQueries() async throws {
        try await SandboxFixture.with { sandbox in
            let wang = try await sandbox.call(.nr, "ownership-certificate.query", SandboxFixture.byID("wang"))
            #expect(wang["owns"] == false)
            #expect(wang.value(at: "certificate.title.zh-CN") == "不动产权属证明（无房）")
            let progress = try await sandbox.call(.nr, "registration-progress.query", ["caseNumber": "202610090007"])
            #expect(progress["status"] == "collected")
            #expect(progress.value(at: "steps.4.completedAt") == "2026-10-16")
            let unknown = await sandbox.failure(.nr, "registration-progress.query", ["caseNumber": "000000000000"])
            #expect(unknown?.problemCode == "CASE_NOT_FOUND")
            let genuine = try await sandbox.call(.nr, "certificate-verification.query", ["caseNumber": "9901202100012345"])
            #expect(genuine["ownerMasked"] == "张*试")
            let replaced = try await sandbox.call(.nr, "certificate-verification.query", ["caseNumber": "9901201200000888"])
            #expect(replaced["status"] == "replaced")
            let fake = try await sandbox.call(.nr, "certificate-verification.query", ["caseNumber": "9901999999999999"])
            #expect(fake["genuine"] == false)
            let seized = try await sandbox.call(.nr, "encumbrance.query", SandboxFixture.byID("ouyang"))
            #expect(seized.value(at: "properties.0.seizures.0.authority") == "示例市演示区人民法院")
        }
    }

    @Test("hpf: loan amortisation, rent withdrawal limits, and a citizen without an account")
    func hpf() async throws {
        try await SandboxFixture.with { sandbox in
            let loan = try await sandbox.call(.hpf, "loan.query", SandboxFixture.byID("zhang"))
            #expect(loan.value(at: "loans.0.monthlyPayment") == "2481.34")
            #expect(loan.value(at: "loans.0.repayments")?.arrayValue?.count == 12)
            let tooMuch = SandboxFixture.byID("wang", ["amount": "1500.01", "phone": "13800000000", "bankAccount": "6222000000000000"])
            let refused = await sandbox.failure(.hpf, "withdrawal.submit", tooMuch, idempotent: false)
            guard case .status(_, _, 422, let problem) = refused else {
                Issue.record("expected 422, got \(String(describing: refused))")
                return
            }
            #expect(problem?.field == "amount")
            let none = await sandbox.failure(.hpf, "account.query", SandboxFixture.byID("ouyang"))
            #expect(none?.problemCode == "CITIZEN_NOT_FOUND")
            #expect(none?.localizedMessage["en"] == "No housing-fund account was found for you")
        }
    }

    @Test("an unknown ID number (the zhao card) is not found by any department")
    func unknownCitizen() async throws {
        let zhao = IDCardEmulatorCard.zhaoBadCheckDigit.holder.idNumber
        try await SandboxFixture.with { sandbox in
            for (department, operation) in [(Department.hrss, "enrollment.query"), (.mi, "enrollment.query"), (.nr, "encumbrance.query"), (.hpf, "account.query")] {
                let error = await sandbox.failure(department, operation, ["idNumber": .string(zhao)])
                #expect(error?.problemCode == "CITIZEN_NOT_FOUND", "\(department) \(operation)")
            }
        }
    }
}
