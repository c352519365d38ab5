import KioskCore

/// `pay`: creates an order at the department, shows its QR code for the citizen's phone, and waits for the
/// department to confirm payment (the kiosk never handles money). Stores the order under the step's id
/// and the last status answer under `<step id>.confirmation`.
public struct PayStep: WorkflowStep {
    public static let kind = "pay"
    public static let keys = ["operation", "body", "identified", "status-operation", "status-body", "qr", "amount", "status", "poll", "expires"]

    public let header: StepHeader
    /// Creates the order.
    public var create: DepartmentRequest
    /// Asks for the order's status; its body may refer to `$<step id>.orderId`.
    public var statusOperation: String
    public var statusBody: RequestTemplate
    /// Paths in the order: the QR text and the amount.
    public var qrPath: String
    public var amountPath: String
    /// Path in the status answer whose value is `waiting`, `paid` or `expired`.
    public var statusPath: String
    public var poll: Duration
    public var expires: Duration

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> PayStep? {
        let create = DepartmentRequest.parse(table, header: header, reader: reader)
        let statusOperation = table.string("status-operation")
        let statusBody = table.field("status-body", required: false).map(reader.json) ?? .object([:])
        let poll = table.duration("poll", in: .milliseconds(100) ... .seconds(60), required: false) ?? .seconds(3)
        let expires = table.duration("expires", in: .seconds(10) ... .seconds(1800), required: false) ?? .seconds(300)
        guard let create, let statusOperation else { return nil }
        return PayStep(
            header: header, create: create, statusOperation: statusOperation, statusBody: RequestTemplate(statusBody),
            qrPath: table.string("qr", required: false) ?? "qr", amountPath: table.string("amount", required: false) ?? "amount",
            statusPath: table.string("status", required: false) ?? "status", poll: poll, expires: expires
        )
    }

    public func enter(_ context: inout StepContext) -> StepCommand {
        context.state = ["phase": "create"]
        return .run(idle: false)
    }

    public func perform(_ job: StepJob) async -> StepJobResult {
        guard job.state["phase"] == "poll" else { return await create.call(job, idempotent: false) }
        let clock = job.environment.clock
        let deadline = clock.now + expires
        let body = statusBody.resolve(job.data)
        while clock.now < deadline {
            do {
                let answer = try await job.environment.departments.call(job.department, operation: statusOperation, body: body, idempotent: true)
                let status = answer.value(at: statusPath)?.stringValue ?? "waiting"
                if status == "paid" || status == "expired" { return .success(answer) }
                try await clock.sleep(for: poll)
            } catch is CancellationError {
                return .failure(StepFailure.from(CancellationError()))
            } catch {
                let failure = StepFailure.from(error)
                if !failure.retryable { return .failure(failure) }
                do { try await clock.sleep(for: poll) } catch { return .failure(StepFailure.from(error)) }
            }
        }
        return .success(.null)  // the department never confirmed: expired
    }

    public func complete(_ result: StepJobResult, context: inout StepContext) -> StepCommand {
        switch (result, context.state["phase"]) {
        case (.failure(let failure), _):
            return context.fail(failure)
        case (.success(let order), .string("create")):
            context.data.set(header.id, order)
            let amount = order.value(at: amountPath).flatMap { ValueFormat.amount.render($0, language: context.language) } ?? ""
            context.state = [
                "phase": "poll",
                "payment": ["qr": order.value(at: qrPath) ?? "", "amount": .string(amount), "status": "waiting"],
            ]
            return .run(idle: false)
        case (.success(let answer), _):
            var order = context.data.value(at: header.id) ?? [:]
            if case .object(var members) = order { members["confirmation"] = answer; order = .object(members) }
            context.data.set(header.id, order)
            if answer.value(at: statusPath)?.stringValue == "paid" {
                setStatus("paid", &context)
                return .advance
            }
            setStatus("expired", &context)
            return context.fail(StepFailure(
                message: LocalizedText(zh: "支付已超时，请重试", en: "The payment timed out; please try again"),
                retryable: true, code: "payment.expired"
            ))
        }
    }

    private func setStatus(_ status: JSONValue, _ context: inout StepContext) {
        if case .object(var payment) = context.state["payment"] ?? [:] {
            payment["status"] = status
            context.state["payment"] = .object(payment)
        }
    }

    public func view(_ context: StepContext) -> [String: JSONValue] {
        ["payment": context.state["payment"] ?? .null]
    }
}
