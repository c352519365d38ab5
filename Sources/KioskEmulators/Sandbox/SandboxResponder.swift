import Foundation
import Hummingbird
import KioskCore
import NIOCore

/// Answers the sandbox's HTTP requests: `/{dept}/v1/…` for the four departments, `/sandbox/…` for test controls.
struct SandboxResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let state: SandboxState

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let parts = request.uri.path.split(separator: "/").map(String.init)
        if parts.first == "sandbox" {
            let body = try await request.collectBody(upTo: 64 * 1024)
            return await control(request.method, Array(parts.dropFirst()), body: body)
        }
        guard parts.count >= 3, let department = Department(rawValue: parts[0]), parts[1] == "v1" else {
            return Self.response(.problem(404, "NOT_FOUND", zh: "地址不存在", en: "No such path"))
        }
        let operation = parts.dropFirst(2).joined(separator: "/")
        if operation == "health", request.method == .get {
            await state.record("\(department.rawValue)/health")
            let failing = await state.fault(for: department)?.kind == .error
            return Self.response(failing ? .problem(503, "UNAVAILABLE", zh: "系统维护中", en: "Under maintenance") : .ok(["status": "ok"]))
        }
        guard request.method == .post else {
            return Self.response(.problem(405, "METHOD_NOT_ALLOWED", zh: "请求方式不支持", en: "Operations are POST"))
        }
        let bytes = try await request.collectBody(upTo: 256 * 1024)
        await state.record("\(department.rawValue)/\(operation)")
        if let fault = await state.takeFault(for: department) {
            switch fault.kind {
            case .slow: try await Task.sleep(for: fault.delay)
            case .error: return Self.response(.problem(500, "INTERNAL", zh: "系统繁忙，请稍后再试", en: "The system is busy; try again later"))
            case .malformed: return Self.raw(#"{"name": "张测"#)
            case .incomplete: return Self.response(.ok(["incomplete": true]))
            }
        }
        guard let body = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: bytes)), body.objectValue != nil else {
            return Self.response(.problem(400, "BAD_REQUEST", zh: "请求格式错误", en: "The body must be a JSON object"))
        }
        return Self.response(await Self.reply(department, operation, body, state))
    }

    /// What `department` answers to `operation`.
    static func reply(_ department: Department, _ operation: String, _ body: JSONValue, _ state: SandboxState) async -> SandboxReply {
        if operation == "payments/status" {
            guard let id = body["paymentId"]?.stringValue, let payment = await state.payment(id),
                id.hasPrefix(department.rawValue.uppercased() + "-")
            else {
                return .problem(404, "CASE_NOT_FOUND", zh: "未查询到该缴费记录", en: "No payment has this id")
            }
            return .ok(payment.json)
        }
        switch department {
        case .hrss: return await SandboxHRSS.respond(to: operation, body: body, state: state)
        case .mi: return await SandboxMI.respond(to: operation, body: body, state: state)
        case .nr: return await SandboxNR.respond(to: operation, body: body, state: state)
        case .hpf: return await SandboxHPF.respond(to: operation, body: body, state: state)
        }
    }

    /// The `/sandbox/…` control endpoints of docs/departments.md.
    func control(_ method: HTTPRequest.Method, _ parts: [String], body: ByteBuffer) async -> Response {
        switch (method, parts.first, parts.count) {
        case (.put, "faults", 2), (.delete, "faults", 2):
            guard let department = Department(rawValue: parts[1]) else {
                return Self.response(.invalid("department", zh: "未知部门", en: "Unknown department"))
            }
            let json = try? JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))
            let name = json?["fault"]?.stringValue ?? "none"
            if method == .delete || name == "none" {
                await state.clearFault(for: department)
            } else if let kind = SandboxFault.Kind(rawValue: name) {
                let delay = json?["delayMilliseconds"]?.numberValue.map { Duration.milliseconds(Int($0)) } ?? .seconds(3)
                await state.setFault(SandboxFault(kind, delay: delay, count: json?["count"]?.numberValue.map { Int($0) }), for: department)
            } else {
                return Self.response(.invalid("fault", zh: "未知故障", en: "Unknown fault \(name)"))
            }
            return Response(status: .noContent)
        case (.post, "payments", 3):
            let done = parts[2] == "pay" ? await state.pay(parts[1]) : parts[2] == "expire" ? await state.expire(parts[1]) : false
            guard done, let payment = await state.payment(parts[1]) else {
                return Self.response(.problem(404, "CASE_NOT_FOUND", zh: "没有等待中的该笔缴费", en: "No waiting payment has this id"))
            }
            return Self.response(.ok(payment.json))
        case (.get, "requests", 1):
            let counts = await state.requestCounts().mapValues { JSONValue.number(Double($0)) }
            return Self.response(.ok(["counts": .object(counts)]))
        case (.post, "reset", 1):
            await state.reset()
            return Response(status: .noContent)
        default:
            return Self.response(.problem(404, "NOT_FOUND", zh: "地址不存在", en: "No such control"))
        }
    }

    static func response(_ reply: SandboxReply) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(reply.body)) ?? Data("{}".utf8)
        let type = reply.status == 200 ? "application/json" : "application/problem+json"
        return Response(
            status: .init(code: reply.status), headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func raw(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
