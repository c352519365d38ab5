import Foundation
import KioskCore
import KioskDevices
@testable import KioskWorkflows

/// The repository's `workflows/` folder.
let workflowsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../workflows").standardized.path

/// A synthetic citizen (the sandbox's zhang).
func zhangCard() -> IDCardHolder {
    IDCardHolder(
        name: "张测试", gender: .male, nation: IDCardNation(code: 1), birthDate: IDCardDate(year: 1985, month: 3, day: 12)!,
        address: "示例省示例市虚构区新址路18号", idNumber: "990101198503120010", issuingAuthority: "示例市公安局虚构分局",
        validFrom: IDCardDate(year: 2015, month: 1, day: 1)!, validTo: .longTerm, photo: IDCardPhoto(bytes: [1, 2, 3])
    )
}

/// Devices that answer from fixed values and record what was printed.
final class FakeDevices: WorkflowDevices, @unchecked Sendable {
    private let lock = NSLock()
    private var _receipts: [Receipt] = []
    private var _certificates: [CertificateDocument] = []
    var unavailable: [DeviceRole: LocalizedText] = [:]
    var cardError: WorkflowDeviceError?
    var printError: WorkflowDeviceError?
    var scannedCode = "202611180031"

    var receipts: [Receipt] { lock.withLock { _receipts } }
    var certificates: [CertificateDocument] { lock.withLock { _certificates } }

    func readIDCard(timeout: Duration) async throws -> IDCardHolder {
        if let cardError { throw cardError }
        return zhangCard()
    }

    func readSocialSecurityCard(timeout: Duration) async throws -> SocialSecurityCard {
        throw WorkflowDeviceError.unavailable(.socialSecurityCardReader, reason: LocalizedText(zh: "社保卡读卡器未安装", en: "No social-security card reader"))
    }

    func nextQRCode(timeout: Duration) async throws -> ScannedCode {
        ScannedCode(text: scannedCode)
    }

    func printReceipt(_ receipt: Receipt) async throws {
        if let printError { throw printError }
        lock.withLock { _receipts.append(receipt) }
    }

    func printCertificate(_ certificate: CertificateDocument) async throws {
        if let printError { throw printError }
        lock.withLock { _certificates.append(certificate) }
    }

    func availability(of role: DeviceRole) async -> DeviceAvailability {
        if role == .socialSecurityCardReader { return .unavailable(LocalizedText(zh: "社保卡读卡器未安装", en: "No social-security card reader")) }
        return unavailable[role].map(DeviceAvailability.unavailable) ?? .available
    }
}

/// A department failure as the connector would throw it.
struct FakeDepartmentFailure: DepartmentCallFailure {
    var isRetryable: Bool
    var citizenMessage: [String: String]?
}

/// Departments answering by operation name; records every call's operation and body.
final class FakeDepartments: DepartmentCalling, @unchecked Sendable {
    private let lock = NSLock()
    private var _calls: [(operation: String, body: JSONValue, idempotent: Bool)] = []
    var answers: [String: JSONValue] = [:]
    var failures: [String: FakeDepartmentFailure] = [:]
    /// Answers for `payments.status`, one per call (the last repeats).
    var statuses: [JSONValue] = []

    var calls: [(operation: String, body: JSONValue, idempotent: Bool)] { lock.withLock { _calls } }

    func call(_ department: Department, operation: String, body: JSONValue, idempotent: Bool) async throws -> JSONValue {
        let count: Int = lock.withLock {
            _calls.append((operation, body, idempotent))
            return _calls.filter { $0.operation == operation }.count
        }
        if let failure = failures[operation] { throw failure }
        if operation == "payments.status", !statuses.isEmpty { return statuses[min(count, statuses.count) - 1] }
        return answers[operation] ?? [:]
    }
}

/// The enrolment answer of the sandbox's zhang.
let enrollmentAnswer: JSONValue = [
    "name": "张测试", "insuredRegion": "示例市", "unit": "示例市虚构科技有限公司", "totalMonths": 221,
    "insurances": [["type": "pension", "status": "active", "since": "2008-07", "lastPaidMonth": "2026-11"]],
]

func loadWorkflow(_ id: String) throws -> WorkflowDefinition {
    try WorkflowParser().parse(file: workflowsFolder + "/\(id).yaml")
}

func environment(_ devices: FakeDevices, _ departments: FakeDepartments, _ clock: ManualSessionClock) -> StepEnvironment {
    StepEnvironment(devices: devices, departments: departments, clock: clock, kioskID: "demo-001", printedTime: { "2026-12-01 10:15" })
}

/// Drives a machine like the manager does, running step work inline.
struct MachineDriver {
    var machine: SessionMachine
    let environment: StepEnvironment
    let clock: ManualSessionClock
    var log: [SessionAction] = []

    init(
        _ workflow: WorkflowDefinition, methods: [IdentificationMethod] = [.idCard], elderly: Bool = false, devices: FakeDevices,
        departments: FakeDepartments, clock: ManualSessionClock, departmentsOverride: (any DepartmentCalling)? = nil
    ) {
        machine = SessionMachine(id: "s1", workflow: workflow, language: "zh-CN", elderly: elderly, methods: methods, idle: IdleSettings())
        environment = StepEnvironment(
            devices: devices, departments: departmentsOverride ?? departments, clock: clock, kioskID: "demo-001", printedTime: { "2026-12-01 10:15" }
        )
        self.clock = clock
    }

    mutating func start() async {
        await run(machine.start(now: clock.now))
    }

    mutating func send(_ input: SessionInput) async throws {
        await run(try machine.receive(input, now: clock.now))
    }

    mutating func run(_ actions: [SessionAction]) async {
        log += actions
        for action in actions {
            if case .run(let token) = action, token == machine.runningToken, let step = machine.step {
                let result = await step.perform(machine.job(environment: environment))
                await run(machine.complete(token: token, result: result, now: clock.now))
            }
        }
    }

    var stepID: String? { machine.step?.header.id }
}
