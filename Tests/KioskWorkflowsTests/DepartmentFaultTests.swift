import KioskCore
import KioskEmulators
import KioskWorkflows
import Testing

/// Backend faults as the client sees them: timeouts, retries for queries only, error statuses, bad bodies, no backend.
@Suite("Department client under backend faults")
struct DepartmentFaultTests {
    let zhang = SandboxFixture.byID("zhang")

    @Test("a slow department times out within the configured timeout")
    func timeout() async throws {
        // Limits are generous so that a loaded CI machine (the whole suite runs in parallel) cannot miss them.
        try await SandboxFixture.with(timeout: .seconds(1), retries: 0) { sandbox in
            await sandbox.state.setFault(SandboxFault(.slow, delay: .seconds(6)), for: .hpf)
            let started = ContinuousClock.now
            let error = await sandbox.failure(.hpf, "account.query", zhang)
            #expect(error == .timeout(.hpf, operation: "account.query", limit: .seconds(1)))
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(error?.isRetryable == true)
            #expect(error?.localizedMessage["zh-CN"] == "公积金系统暂时无法访问，请稍后再试")
        }
    }

    @Test("a query is retried `retries` times on 500, then fails with the department's problem")
    func queryRetried() async throws {
        try await SandboxFixture.with(retries: 2) { sandbox in
            await sandbox.state.setFault(SandboxFault(.error), for: .hrss)
            let error = await sandbox.failure(.hrss, "enrollment.query", zhang)
            guard case .status(.hrss, "enrollment.query", 500, let problem) = error else {
                Issue.record("expected HTTP 500, got \(String(describing: error))")
                return
            }
            #expect(problem?.code == "INTERNAL")
            #expect(problem?.message?["zh-CN"] == "系统繁忙，请稍后再试")
            #expect(await sandbox.state.requestCount("hrss/enrollment/query") == 3)
            #expect(error?.localizedMessage["en"] == "The social-security system cannot be reached just now; please try again later")
        }
    }

    @Test("a query that fails once succeeds on the retry")
    func transientFailure() async throws {
        try await SandboxFixture.with(retries: 2) { sandbox in
            await sandbox.state.setFault(SandboxFault(.error, count: 1), for: .mi)
            let response = try await sandbox.call(.mi, "enrollment.query", zhang)
            #expect(response["category"] == "employee")
            #expect(await sandbox.state.requestCount("mi/enrollment/query") == 2)
            #expect(sandbox.logs.all.contains { $0.contains("retrying") && $0.contains("http.status=500") })
        }
    }

    @Test("slow queries are retried too, each attempt with its own timeout")
    func timeoutRetried() async throws {
        try await SandboxFixture.with(timeout: .seconds(1), retries: 1) { sandbox in
            await sandbox.state.setFault(SandboxFault(.slow, delay: .seconds(5), count: 1), for: .nr)
            let response = try await sandbox.call(.nr, "encumbrance.query", zhang)
            #expect(response.value(at: "properties.0.mortgages")?.arrayValue?.count == 2)
            #expect(await sandbox.state.requestCount("nr/encumbrance/query") == 2)
        }
    }

    @Test("a submission is never retried, even when the caller marks it idempotent", arguments: [false, true])
    func submitNotRetried(callerSaysIdempotent: Bool) async throws {
        try await SandboxFixture.with(retries: 3) { sandbox in
            await sandbox.state.setFault(SandboxFault(.error), for: .hpf)
            let body = SandboxFixture.byID("wang", ["amount": "800", "phone": "13800000000", "bankAccount": "6222000000000000"])
            let error = await sandbox.failure(.hpf, "withdrawal.submit", body, idempotent: callerSaysIdempotent)
            #expect(error?.isRetryable == true)
            #expect(await sandbox.state.requestCount("hpf/withdrawal/submit") == 1)
        }
    }

    @Test("a payment creation that times out is not retried")
    func payNotRetried() async throws {
        try await SandboxFixture.with(timeout: .seconds(1), retries: 3) { sandbox in
            await sandbox.state.setFault(SandboxFault(.slow, delay: .seconds(5)), for: .mi)
            let error = await sandbox.failure(.mi, "resident-payment.pay", SandboxFixture.byID("ouyang"), idempotent: false)
            #expect(error == .timeout(.mi, operation: "resident-payment.pay", limit: .seconds(1)))
            #expect(await sandbox.state.requestCount("mi/resident-payment/pay") == 1)
        }
    }

    @Test("a body that is not JSON is a malformed response, not retried")
    func notJSON() async throws {
        try await SandboxFixture.with(retries: 2) { sandbox in
            await sandbox.state.setFault(SandboxFault(.malformed), for: .hrss)
            let error = await sandbox.failure(.hrss, "enrollment.query", zhang)
            #expect(error == .malformedResponse(.hrss, operation: "enrollment.query", field: nil, reason: "the body is not JSON"))
            #expect(await sandbox.state.requestCount("hrss/enrollment/query") == 1)
        }
    }

    @Test("a body missing a required field is a malformed response naming the field")
    func missingField() async throws {
        try await SandboxFixture.with { sandbox in
            await sandbox.state.setFault(SandboxFault(.incomplete), for: .hpf)
            let error = await sandbox.failure(.hpf, "loan.query", zhang)
            guard case .malformedResponse(.hpf, "loan.query", let field, let reason) = error else {
                Issue.record("expected a malformed response, got \(String(describing: error))")
                return
            }
            #expect(field == "name")
            #expect(reason == "missing field `name` (string)")
            #expect(error?.description.contains("missing field `name`") == true)
        }
    }

    @Test("a port nobody listens on is unreachable, retryable, with a plain message")
    func unreachable() async throws {
        let idle = SandboxServer()
        let port = try await idle.start()
        await idle.stop()
        let client = DepartmentClient(
            departments: [.nr: DepartmentConfiguration(baseURL: SandboxServer.baseURL(for: .nr, port: port), timeout: .seconds(2), retries: 1)],
            backoff: RetryBackoff(base: .milliseconds(1), cap: .milliseconds(2))
        )
        do {
            _ = try await client.call(.nr, operation: "encumbrance.query", body: zhang, idempotent: true)
            Issue.record("expected the call to fail")
        } catch let error as DepartmentError {
            guard case .unreachable(.nr, "encumbrance.query", _) = error else {
                Issue.record("expected unreachable, got \(error)")
                await client.shutdown()
                return
            }
            #expect(error.isRetryable)
            #expect(error.localizedMessage["zh-CN"] == "不动产登记系统暂时无法访问，请稍后再试")
        }
        #expect(await client.isReachable(.nr) == false)
        await client.shutdown()
    }

    @Test("a department without configuration or with a bad URL fails every call with a configuration error")
    func notConfigured() async throws {
        let client = DepartmentClient(departments: [.mi: DepartmentConfiguration(baseURL: "kiosk-api.mi.example")])
        await #expect(throws: DepartmentError.notConfigured(.hrss)) {
            _ = try await client.call(.hrss, operation: "enrollment.query", body: zhang, idempotent: true)
        }
        do {
            try await client.ping(.mi)
            Issue.record("expected ping to fail")
        } catch {
            guard case .invalidConfiguration(.mi, let reason) = error else {
                Issue.record("expected invalid configuration, got \(error)")
                return
            }
            #expect(reason.contains("kiosk-api.mi.example"))
        }
        await client.shutdown()
    }

    @Test("ping succeeds on a healthy department and fails while it answers errors")
    func ping() async throws {
        try await SandboxFixture.with { sandbox in
            try await sandbox.client.ping(.hrss)
            await sandbox.state.setFault(SandboxFault(.error), for: .hrss)
            await #expect(throws: DepartmentError.status(.hrss, operation: "health", status: 503, problem: nil)) {
                try await sandbox.client.ping(.hrss)
            }
            #expect(await sandbox.client.isReachable(.mi))
        }
    }

    @Test("no ID number, name or request body reaches the logs or an error's description")
    func noPersonalDataLogged() async throws {
        let li = SandboxFixture.citizen("li")
        try await SandboxFixture.with(retries: 1) { sandbox in
            _ = try await sandbox.call(.hrss, "enrollment.query", SandboxFixture.byID("li"))
            await sandbox.state.setFault(SandboxFault(.error), for: .hrss)
            let failed = await sandbox.failure(.hrss, "enrollment.query", SandboxFixture.byID("li"))
            await sandbox.state.setFault(SandboxFault(.incomplete), for: .mi)
            let malformed = await sandbox.failure(.mi, "account.query", ["voucher": .string(li.voucher!)])
            await sandbox.state.clearFault(for: .hrss)
            let refused = await sandbox.failure(.hrss, "unemployment-benefit.submit", SandboxFixture.byID("li"), idempotent: false)
            let texts = sandbox.logs.all + [failed, malformed, refused].compactMap { $0.map { "\($0) \($0.logMetadata)" } }
            #expect(sandbox.logs.all.count >= 4)
            for text in texts {
                #expect(!text.contains(li.idNumber))
                #expect(!text.contains(li.voucher!))
                #expect(!text.contains("李示例"))
                #expect(!text.contains("您不符合"))
            }
        }
    }
}
