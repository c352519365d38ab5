import Foundation
import Hummingbird
import HummingbirdTesting
import KioskCore
import KioskDevices
import KioskStore
import KioskWorkflows
import Testing
@testable import KioskAPI

/// Devices for the session API tests: an ID card always there, everything printable, the SSC reader missing.
final class StubDevices: WorkflowDevices, @unchecked Sendable {
    private let lock = NSLock()
    private var _paperOut = false
    var paperOut: Bool {
        get { lock.withLock { _paperOut } }
        set { lock.withLock { _paperOut = newValue } }
    }

    func readIDCard(timeout: Duration) async throws -> IDCardHolder {
        IDCardHolder(
            name: "张测试", gender: .male, nation: IDCardNation(code: 1), birthDate: IDCardDate(year: 1985, month: 3, day: 12)!,
            address: "示例省示例市虚构区新址路18号", idNumber: "990101198503120010", issuingAuthority: "示例市公安局",
            validFrom: IDCardDate(year: 2015, month: 1, day: 1)!, validTo: .longTerm, photo: IDCardPhoto(bytes: [1])
        )
    }
    func readSocialSecurityCard(timeout: Duration) async throws -> SocialSecurityCard {
        throw WorkflowDeviceError.unavailable(.socialSecurityCardReader, reason: LocalizedText(zh: "无", en: "none"))
    }
    func nextQRCode(timeout: Duration) async throws -> ScannedCode { throw WorkflowDeviceError.timedOut(.qrScanner) }
    func printReceipt(_ receipt: Receipt) async throws {}
    func printCertificate(_ certificate: CertificateDocument) async throws {}
    func availability(of role: DeviceRole) async -> DeviceAvailability {
        if role == .socialSecurityCardReader { return .unavailable(LocalizedText(zh: "社保卡读卡器未安装", en: "No card reader")) }
        if role == .receiptPrinter, paperOut { return .unavailable(LocalizedText(zh: "打印机缺纸，暂不能打印凭条", en: "The receipt printer is out of paper")) }
        return .available
    }
}

/// Departments that answer the enrolment query of the sandbox's zhang.
struct StubDepartments: DepartmentCalling {
    func call(_ department: Department, operation: String, body: JSONValue, idempotent: Bool) async throws -> JSONValue {
        ["name": "张测试", "insuredRegion": "示例市", "totalMonths": 221, "insurances": []]
    }
}

/// The API fixture with a session manager over the repository's workflows.
struct SessionFixture {
    let api: APIFixture
    let devices = StubDevices()
    let sessions: SessionManager
    let clock = ManualSessionClock()

    init() throws {
        var api = try APIFixture()
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
        let events = EventBroadcaster()
        let set = WorkflowLoader().load(directories: [repository + "/workflows"])
        let catalogue = ServiceCatalogue(set: set, devices: devices, store: api.environment.store, events: events)
        sessions = SessionManager(
            catalogue: catalogue, events: events, devices: devices, departments: StubDepartments(), store: api.environment.store,
            clock: clock, settings: SessionSettings(kioskID: "demo-001", tickInterval: nil)
        )
        var environment = api.environment
        environment.sessions = sessions
        api = APIFixture(environment: environment, folder: api.folder)
        self.api = api
    }
}

extension APIFixture {
    init(environment: APIEnvironment, folder: String) {
        self.environment = environment
        self.folder = folder
    }
}

func json(_ value: JSONValue) -> ByteBuffer {
    ByteBuffer(data: try! JSONEncoder().encode(value))
}

@Suite("Sessions and services API")
struct SessionRoutesTests {
    @Test("GET /api/v1/services lists the 21 services with names, department names and availability")
    func services() async throws {
        let fixture = try SessionFixture()
        defer { fixture.api.cleanUp() }
        fixture.devices.paperOut = true
        try await fixture.api.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/services", method: .get) { response in
                #expect(response.status == .ok)
                let body = try decode(JSONValue.self, response.body)
                let services = body["services"]?.arrayValue ?? []
                #expect(services.count == 21)
                let enrollment = try #require(services.first { $0["id"] == "hrss.enrollment" })
                #expect(enrollment["departmentNames"] == ["zh-CN": "社保", "en": "Social security"])
                #expect(enrollment["identification"] == ["id-card"])
                #expect(enrollment["available"] == false)
                #expect(enrollment["reason"] == ["zh-CN": "打印机缺纸，暂不能打印凭条", "en": "The receipt printer is out of paper"])
                let progress = try #require(services.first { $0["id"] == "mi.reimbursement-progress" })
                #expect(progress["available"] == true)
                #expect(progress["reason"] == .null)
            }
        }
    }

    @Test("the maintainer's switch disables a service with a reason, and the session start then answers 503 with it")
    func availabilitySwitch() async throws {
        let fixture = try SessionFixture()
        defer { fixture.api.cleanUp() }
        try await fixture.api.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/services/nr.encumbrance/availability", method: .put, body: json(["enabled": false])) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.execute(uri: "/api/v1/services/nr.encumbrance/availability", method: .put, body: json(["enabled": false, "reason": "系统升级，暂停办理"])) { response in
                #expect(response.status == .ok)
                let service = try decode(JSONValue.self, response.body)
                #expect(service["available"] == false)
                #expect(service.value(at: "reason.zh-CN") == "系统升级，暂停办理")
            }
            try await client.execute(uri: "/api/v1/sessions", method: .post, body: json(["service": "nr.encumbrance"])) { response in
                #expect(response.status == .serviceUnavailable)
                let problem = try decode(ProblemDocument.self, response.body)
                #expect(problem.detail == "系统升级，暂停办理")
            }
            try await client.execute(uri: "/api/v1/services/no.such/availability", method: .put, body: json(["enabled": true])) { response in
                #expect(response.status == .notFound)
            }
        }
        let switches = try await fixture.api.environment.store.serviceSwitches()
        #expect(switches.map(\.service) == ["nr.encumbrance"])
    }

    @Test("a session runs through the API: 201, one at a time (409), inputs, 422 naming the step, 204 on cancel, then 404")
    func sessionLifecycle() async throws {
        let fixture = try SessionFixture()
        defer { fixture.api.cleanUp() }
        try await fixture.api.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/sessions", method: .post, body: json(["service": "no.such"])) { response in
                #expect(response.status == .notFound)
            }
            let id = try await client.execute(uri: "/api/v1/sessions", method: .post, body: json(["service": "mi.enrollment", "language": "en", "elderly": true])) { response in
                #expect(response.status == .created)
                let session = try decode(JSONValue.self, response.body)
                #expect(session["state"] == "active")
                #expect(session["elderly"] == true)
                #expect(session.value(at: "idle.timeoutSeconds") == 180)
                #expect(session.value(at: "step.kind") == "identify")
                #expect(session.value(at: "step.methods") == ["id-card", "mi-qr"])
                return session["id"]?.stringValue ?? ""
            }
            try await client.execute(uri: "/api/v1/sessions", method: .post, body: json(["service": "mi.account"])) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)/input", method: .post, body: json(["action": "choose", "method": "id-card"])) { response in
                #expect(response.status == .ok)
            }
            await fixture.sessions.settle()
            try await client.execute(uri: "/api/v1/sessions/current", method: .get) { response in
                let session = try decode(JSONValue.self, response.body)
                #expect(session.value(at: "step.kind") == "consent")
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)/input", method: .post, body: json(["action": "rate", "level": 5])) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try decode(ProblemDocument.self, response.body)
                #expect(problem.detail?.contains("step \"consent\"") == true)
                #expect(problem.detail?.contains("\"rate\"") == true)
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)/input", method: .post, body: json(["action": "confirm"])) { _ in }
            await fixture.sessions.settle()
            try await client.execute(uri: "/api/v1/sessions/\(id)", method: .get) { response in
                let session = try decode(JSONValue.self, response.body)
                #expect(session.value(at: "step.kind") == "show")
                #expect(session.value(at: "step.result.rows.0.value") == "张*试")
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)", method: .delete) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/v1/sessions/\(id)", method: .get) { response in
                let session = try decode(JSONValue.self, response.body)
                #expect(session["state"] == "cancelled")
                #expect(session["step"] == .null)
                #expect(!String(buffer: response.body).contains("张"))
            }
            try await client.execute(uri: "/api/v1/sessions/current", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        let audit = try await fixture.api.environment.store.sessions()
        #expect(audit.count == 1)
        #expect(audit.first?.outcome == "cancelled")
        #expect(audit.first?.identification == "id-card")
        #expect(audit.first?.lastStep == "result")
    }

    @Test("without a session engine the routes answer 503")
    func notRunning() async throws {
        let fixture = try APIFixture()
        defer { fixture.cleanUp() }
        try await fixture.application().test(.router) { client in
            try await client.execute(uri: "/api/v1/services", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }
}
