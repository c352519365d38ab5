import KioskCore
import KioskDevices
import Testing
@testable import KioskWorkflows

@Suite("Session engine")
struct SessionMachineTests {
    @Test("a query service runs identify → consent → query → show → print → rate, then wipes everything")
    func fullQueryService() async throws {
        let devices = FakeDevices()
        let departments = FakeDepartments()
        departments.answers["enrollment.query"] = enrollmentAnswer
        var driver = MachineDriver(try loadWorkflow("hrss.enrollment"), devices: devices, departments: departments, clock: ManualSessionClock())

        await driver.start()
        #expect(driver.stepID == "consent")  // one method: the card was read at once
        #expect(driver.machine.context.data.value(at: "identity.idNumber") == "990101198503120010")
        try await driver.send(SessionInput(action: "confirm"))

        #expect(driver.stepID == "result")
        #expect(departments.calls.map(\.operation) == ["enrollment.query"])
        #expect(departments.calls[0].body == ["idNumber": "990101198503120010"])
        #expect(departments.calls[0].idempotent)
        let view = driver.machine.view(now: .zero)
        let rows = view.value(at: "step.result.rows")?.arrayValue ?? []
        #expect(rows.first == ["label": ["zh-CN": "姓名", "en": "Name"], "value": "张*试"])
        #expect(view.value(at: "step.result.tables.0.rows.0.0") == "养老保险")
        #expect(view.value(at: "step.result.tables.0.rows.0.1") == "正常参保")

        try await driver.send(SessionInput(action: "next"))
        #expect(driver.stepID == "print")
        #expect(driver.machine.view(now: .zero).value(at: "step.print.status") == "done")
        let receipt = try #require(devices.receipts.first)
        #expect(receipt.elements.contains(.text("姓名: 张*试")))
        #expect(!"\(receipt)".contains("张测试"))

        try await driver.send(SessionInput(action: "next"))
        try await driver.send(SessionInput(action: "rate", level: 5))
        #expect(driver.machine.state == .finished)
        #expect(driver.machine.context.data.isEmpty)
        #expect(driver.machine.context.shown.isEmpty)
        #expect(driver.machine.context.rating == 5)
        #expect(driver.log.last == .ended(.finished))
        #expect(driver.machine.view(now: .zero)["step"] == .null)
    }

    @Test("the idle timer warns before expiry, restarts on input, and expires the session with its data wiped")
    func idleTimeout() async throws {
        let clock = ManualSessionClock()
        var driver = MachineDriver(try loadWorkflow("hrss.enrollment"), devices: FakeDevices(), departments: FakeDepartments(), clock: clock)
        await driver.start()
        #expect(driver.stepID == "consent")

        clock.advance(by: .seconds(69))
        #expect(driver.machine.tick(now: clock.now) == [])
        clock.advance(by: .seconds(1))
        #expect(driver.machine.tick(now: clock.now) == [.idleWarning(remainingSeconds: 20)])
        #expect(driver.machine.tick(now: clock.now) == [])  // warned once

        try await driver.send(SessionInput(action: "touch"))
        #expect(driver.machine.idleRemaining(now: clock.now) == .seconds(90))

        clock.advance(by: .seconds(90))
        let actions = driver.machine.tick(now: clock.now)
        #expect(actions == [.ended(.expired)])
        #expect(driver.machine.state == .expired)
        #expect(driver.machine.context.data.isEmpty)
    }

    @Test("elderly mode doubles the idle timeout")
    func elderly() async throws {
        let clock = ManualSessionClock()
        var driver = MachineDriver(try loadWorkflow("hrss.enrollment"), elderly: true, devices: FakeDevices(), departments: FakeDepartments(), clock: clock)
        await driver.start()
        #expect(driver.machine.view(now: clock.now).value(at: "idle.timeoutSeconds") == 180)
        clock.advance(by: .seconds(179))
        #expect(driver.machine.tick(now: clock.now).contains(.ended(.expired)) == false)
        clock.advance(by: .seconds(1))
        #expect(driver.machine.tick(now: clock.now) == [.ended(.expired)])
    }

    @Test("the timer does not run while the department is asked")
    func busyPausesTimer() throws {
        let clock = ManualSessionClock()
        var machine = SessionMachine(id: "s", workflow: try loadWorkflow("hrss.enrollment"), language: "en", elderly: false, methods: [.idCard], idle: IdleSettings())
        let actions = machine.start(now: clock.now)
        #expect(actions == [.run(token: 1)])  // reading the card: the timer runs
        _ = machine.complete(token: 1, result: .success(["method": "id-card", "identifier": ["idNumber": "990101198503120010"]]), now: clock.now)
        let query = try machine.receive(SessionInput(action: "confirm"), now: clock.now)
        #expect(query == [.run(token: 2)])
        clock.advance(by: .seconds(600))
        #expect(machine.tick(now: clock.now) == [])
        #expect(machine.view(now: clock.now).value(at: "step.busy") == true)
    }

    @Test("an input the step does not take is refused with the step and the action named")
    func refusedInput() async throws {
        var driver = MachineDriver(try loadWorkflow("hrss.enrollment"), devices: FakeDevices(), departments: FakeDepartments(), clock: ManualSessionClock())
        await driver.start()
        #expect(throws: SessionInputError.notAccepted(step: "consent", kind: "consent", action: "rate")) {
            try driver.machine.receive(SessionInput(action: "rate", level: 3), now: .zero)
        }
        #expect(driver.machine.state == .active)
    }

    @Test("declining consent ends the session as cancelled")
    func decline() async throws {
        var driver = MachineDriver(try loadWorkflow("hrss.enrollment"), devices: FakeDevices(), departments: FakeDepartments(), clock: ManualSessionClock())
        await driver.start()
        try await driver.send(SessionInput(action: "decline"))
        #expect(driver.machine.state == .cancelled)
        #expect(driver.machine.context.data.isEmpty)
    }

    @Test("a card not presented in time is a retryable error; retry reads again")
    func cardTimeout() async throws {
        let devices = FakeDevices()
        devices.cardError = .timedOut(.idCardReader)
        var driver = MachineDriver(try loadWorkflow("hrss.enrollment"), devices: devices, departments: FakeDepartments(), clock: ManualSessionClock())
        await driver.start()
        #expect(driver.stepID == "identify")
        #expect(driver.machine.view(now: .zero).value(at: "error.retryable") == true)
        devices.cardError = nil
        try await driver.send(SessionInput(action: "retry"))
        #expect(driver.stepID == "consent")
    }

    @Test("a department refusal fails the session with the department's message")
    func refusal() async throws {
        let departments = FakeDepartments()
        departments.failures["enrollment.query"] = FakeDepartmentFailure(isRetryable: false, citizenMessage: ["zh-CN": "未查询到您的参保信息", "en": "No record"])
        var driver = MachineDriver(try loadWorkflow("hrss.enrollment"), devices: FakeDevices(), departments: departments, clock: ManualSessionClock())
        await driver.start()
        try await driver.send(SessionInput(action: "confirm"))
        #expect(driver.machine.state == .failed)
        #expect(driver.machine.view(now: .zero).value(at: "error.message.zh-CN") == "未查询到您的参保信息")
        #expect(driver.machine.context.error?.code == "department.refused")
    }

    @Test("a form refuses a bad field by name and submits good ones; the receipt carries the case number")
    func formAndSubmit() async throws {
        let devices = FakeDevices()
        let departments = FakeDepartments()
        departments.answers["unemployment-benefit.query"] = ["name": "王样本", "eligible": true, "monthlyAmount": "1980.00"]
        departments.answers["unemployment-benefit.submit"] = ["caseNumber": "HRSS2026120100001", "submittedAt": "2026-12-01T10:15:00+08:00", "expectedDays": 15]
        var driver = MachineDriver(try loadWorkflow("hrss.unemployment-benefit"), devices: devices, departments: departments, clock: ManualSessionClock())
        await driver.start()
        try await driver.send(SessionInput(action: "confirm"))
        #expect(driver.stepID == "eligibility")
        try await driver.send(SessionInput(action: "next"))
        #expect(driver.stepID == "form")
        #expect(throws: SessionInputError.invalidField(step: "form", field: "phone", expected: "a value matching 1[0-9]{10}")) {
            try driver.machine.receive(SessionInput(action: "submit", fields: ["phone": "23800000000", "bankAccount": "6222000000000000000"]), now: .zero)
        }
        try await driver.send(SessionInput(action: "submit", fields: ["phone": "13800000000", "bankAccount": "6222000000000000000"]))
        #expect(driver.stepID == "done")
        let submit = try #require(departments.calls.last)
        #expect(submit.operation == "unemployment-benefit.submit")
        #expect(!submit.idempotent)
        #expect(submit.body == ["idNumber": "990101198503120010", "phone": "13800000000", "bankAccount": "6222000000000000000"])
        try await driver.send(SessionInput(action: "next"))
        #expect(devices.receipts.first?.elements.contains(.qrCode(QRCode("HRSS2026120100001"))) == true)
    }

    @Test("a service whose citizen is not eligible skips the form and the submission")
    func notEligible() async throws {
        let departments = FakeDepartments()
        departments.answers["withdrawal.query"] = ["name": "张测试", "eligible": false, "maxAmount": "0.00", "reason": ["zh-CN": "本年已提取", "en": "Already withdrawn"]]
        var driver = MachineDriver(try loadWorkflow("hpf.withdrawal"), devices: FakeDevices(), departments: departments, clock: ManualSessionClock())
        await driver.start()
        try await driver.send(SessionInput(action: "confirm"))
        let rows = driver.machine.view(now: .zero).value(at: "step.result.rows")?.arrayValue ?? []
        #expect(rows.contains(["label": ["zh-CN": "原因", "en": "Reason"], "value": "本年已提取"]))
        try await driver.send(SessionInput(action: "next"))
        #expect(driver.stepID == "rate")
        #expect(departments.calls.map(\.operation) == ["withdrawal.query"])
    }

    @Test("a payment shows the QR code, polls until the department confirms, then prints the receipt number")
    func payment() async throws {
        let devices = FakeDevices()
        let departments = FakeDepartments()
        departments.answers["resident-payment.query"] = ["name": "欧阳测试", "year": 2027, "amount": "400.00", "paid": false]
        departments.answers["resident-payment.pay"] = ["paymentId": "MI-P-1", "status": "waiting", "amount": "400.00", "qr": "https://pay.example.gov.cn/q/MI-P-1", "expiresAt": "x"]
        departments.statuses = [
            ["paymentId": "MI-P-1", "status": "waiting", "amount": "400.00"],
            ["paymentId": "MI-P-1", "status": "paid", "amount": "400.00", "paidAt": "2026-12-01T10:16:00+08:00", "receiptNumber": "R-77"],
        ]
        let clock = ManualSessionClock()
        var machine = SessionMachine(id: "s", workflow: try loadWorkflow("mi.resident-payment"), language: "zh-CN", elderly: false, methods: [.idCard], idle: IdleSettings())
        let env = environment(devices, departments, clock)
        func run(_ actions: [SessionAction]) async {
            for case .run(let token) in actions where token == machine.runningToken {
                let result = await machine.step!.perform(machine.job(environment: env))
                await run(machine.complete(token: token, result: result, now: clock.now))
                return
            }
        }
        await run(machine.start(now: clock.now))
        await run(try machine.receive(SessionInput(action: "confirm"), now: clock.now))
        #expect(machine.step?.header.id == "status")
        let create = try machine.receive(SessionInput(action: "next"), now: clock.now)
        #expect(machine.step?.header.id == "pay")
        guard case .run(let token) = create.last else { Issue.record("no work for pay"); return }
        let order = await machine.step!.perform(machine.job(environment: env))
        let poll = machine.complete(token: token, result: order, now: clock.now)
        #expect(machine.view(now: clock.now).value(at: "step.payment") == ["qr": "https://pay.example.gov.cn/q/MI-P-1", "amount": "¥400.00", "status": "waiting"])
        await run(poll)
        #expect(machine.step?.header.id == "paid")
        #expect(departments.calls.filter { $0.operation == "payments.status" }.map(\.body) == [["paymentId": "MI-P-1"], ["paymentId": "MI-P-1"]])
        await run(try machine.receive(SessionInput(action: "next"), now: clock.now))
        #expect(devices.receipts.count == 1)
        #expect(devices.receipts[0].elements.contains(.text("缴费凭证号: R-77", style: TextStyle(bold: true))))
    }

    @Test("a failed print can be retried, then the citizen moves on")
    func printFailure() async throws {
        let devices = FakeDevices()
        devices.printError = .failed(.receiptPrinter, message: LocalizedText(zh: "打印机缺纸", en: "Out of paper"), retryable: true)
        let departments = FakeDepartments()
        departments.answers["enrollment.query"] = enrollmentAnswer
        var driver = MachineDriver(try loadWorkflow("hrss.enrollment"), devices: devices, departments: departments, clock: ManualSessionClock())
        await driver.start()
        try await driver.send(SessionInput(action: "confirm"))
        try await driver.send(SessionInput(action: "next"))
        #expect(driver.machine.view(now: .zero).value(at: "step.print.status") == "failed")
        #expect(driver.machine.view(now: .zero).value(at: "step.print.message.en") == "Out of paper")
        devices.printError = nil
        try await driver.send(SessionInput(action: "retry"))
        #expect(driver.machine.view(now: .zero).value(at: "step.print.status") == "done")
        #expect(devices.receipts.count == 1)
    }

    @Test("back from a choice returns to consent; a case number is typed on the keypad when scanning gives nothing")
    func backAndKeypad() async throws {
        let departments = FakeDepartments()
        departments.answers["contributions.years"] = ["name": "张测试", "years": [2026, 2025, 2024]]
        var driver = MachineDriver(try loadWorkflow("hrss.contributions"), devices: FakeDevices(), departments: departments, clock: ManualSessionClock())
        await driver.start()
        try await driver.send(SessionInput(action: "confirm"))
        #expect(driver.stepID == "years")
        #expect(driver.machine.view(now: .zero).value(at: "step.options.1") == ["value": "2025", "label": ["zh-CN": "2025", "en": "2025"]])
        try await driver.send(SessionInput(action: "back"))
        #expect(driver.stepID == "consent")
        try await driver.send(SessionInput(action: "confirm"))
        try await driver.send(SessionInput(action: "select", values: ["2025", "2024"]))
        #expect(departments.calls.last?.body == ["idNumber": "990101198503120010", "years": [2025, 2024]])

        let devices = FakeDevices()
        devices.scannedCode = "not a case"
        departments.answers["registration-progress.query"] = ["caseNumber": "202611180031", "kind": "transfer", "status": "accepted", "steps": []]
        var keypad = MachineDriver(try loadWorkflow("nr.registration-progress"), methods: [.caseNumber], devices: devices, departments: departments, clock: ManualSessionClock())
        await keypad.start()
        #expect(keypad.stepID == "identify")
        #expect(throws: SessionInputError.self) {
            try keypad.machine.receive(SessionInput(action: "submit", fields: ["caseNumber": "12"]), now: .zero)
        }
        try await keypad.send(SessionInput(action: "submit", fields: ["caseNumber": "202611180031"]))
        #expect(keypad.stepID == "result")
        #expect(departments.calls.last?.body == ["caseNumber": "202611180031"])
    }
}
