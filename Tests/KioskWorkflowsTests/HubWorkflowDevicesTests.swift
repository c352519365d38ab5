import Foundation
import KioskCore
import KioskDevices
import KioskEmulators
import Logging
import KioskTestSupport
import Testing
@testable import KioskWorkflows

/// `HubWorkflowDevices` for the social-security card (mapping only: pcscd belongs to KioskDevicesTests)
/// and the A4 printer, through the engine to a real CUPS queue (scripts/test-services.d/cupsd.sh).
@Suite("Hub devices: social-security card and A4 certificates", .serialized, .pcscExclusive)
struct HubWorkflowDevicesTests {
    static let logger = Logger(label: "kioskd.test.hub-workflow", factory: { _ in SwiftLogNoOpLogHandler() })
    static let profiles = ProfileCatalogue.load(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../devices").standardized.path)

    struct Failure: Error, CustomStringConvertible { let description: String }

    // MARK: social-security card

    /// The card number on the virtual card of Tests/Helpers/vicc (record 0x07 of EF05).
    static func viccCardNumber() throws -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Helpers/vicc/ssse_card.py").standardized.path
        let source = try String(contentsOfFile: path, encoding: .utf8)
        guard let line = source.split(separator: "\n").first(where: { $0.contains("0x07: b\"") }),
              let value = line.split(separator: "\"").dropFirst().first else {
            throw Failure(description: "no card number (0x07) in \(path)")
        }
        return String(value)
    }

    static func card(number: String) -> SocialSecurityCard {
        SocialSecurityCard(
            card: .init(identifier: "990100D156000005", specificationVersion: "3.00", issuer: "990100000000",
                        issueDate: CardDate(year: 2021, month: 3, day: 15)!, expiryDate: CardDate(year: 2031, month: 3, day: 14)!, cardNumber: number),
            holder: .init(socialSecurityNumber: "990101198503120010", name: "张测试", sex: .male, nation: IDCardNation(code: 1),
                          birthDate: CardDate(year: 1985, month: 3, day: 12)!)
        )
    }

    @Test("the virtual card's number is a sandbox citizen's ssn: hrss.enrollment identifies by it and finishes")
    func socialSecurityIdentity() async throws {
        let number = try Self.viccCardNumber()
        #expect(SandboxCitizen.identified(by: ["ssn": .string(number)])?.key == "zhang")
        let workflow = try loadWorkflow("hrss.enrollment")
        try await SandboxFixture.with { sandbox in
            let machine = try await Self.drive(workflow, methods: [.socialSecurityCard], devices: CardDevices(card: Self.card(number: number)), departments: sandbox.client)
            #expect(machine.context.error == nil, "\(machine.context.error?.message.text("en") ?? "")")
            #expect(machine.context.identifiedBy == .socialSecurityCard)
            #expect(machine.step is RateStep, "stopped at \(machine.lastStepID)")
        }
    }

    /// Runs `workflow` like the session manager (step work inline) up to its rating step.
    static func drive(
        _ workflow: WorkflowDefinition, methods: [IdentificationMethod], devices: any WorkflowDevices, departments: any DepartmentCalling
    ) async throws -> SessionMachine {
        var machine = SessionMachine(id: "s1", workflow: workflow, language: "zh-CN", elderly: false, methods: methods, idle: IdleSettings())
        let clock = ManualSessionClock()
        let environment = StepEnvironment(devices: devices, departments: departments, clock: clock, kioskID: "demo-001", printedTime: { "2026-12-01 10:15" })
        func run(_ actions: [SessionAction]) async {
            for action in actions {
                if case .run(let token) = action, token == machine.runningToken, let step = machine.step {
                    let result = await step.perform(machine.job(environment: environment))
                    await run(machine.complete(token: token, result: result, now: clock.now))
                }
            }
        }
        await run(machine.start(now: clock.now))
        var turns = 0
        while machine.state == .active, let step = machine.step, turns < 20, !(step is RateStep) {
            turns += 1
            switch step {
            case is ConsentStep: await run(try machine.receive(SessionInput(action: "confirm"), now: clock.now))
            case is ShowStep, is PrintStep: await run(try machine.receive(SessionInput(action: "next"), now: clock.now))
            default: throw Failure(description: "stuck on \(step.header.id)")
            }
        }
        return machine
    }

    @Test("reader errors become timeouts, retries or unavailability, never card data")
    func socialSecurityErrors() {
        let role = DeviceRole.socialSecurityCardReader
        #expect(HubWorkflowDevices.workflowError(.noCard(after: .seconds(5))) == .timedOut(role))
        #expect(HubWorkflowDevices.workflowError(.cardRemoved).isRetryable)
        #expect(HubWorkflowDevices.workflowError(.unknownApplication).isRetryable)
        #expect(!HubWorkflowDevices.workflowError(.status(.securityNotSatisfied, step: .selectApplication)).isRetryable)
        #expect(HubWorkflowDevices.workflowError(.serviceUnavailable("down")) == .unavailable(role, reason: HubWorkflowDevices.roleDown(role)))
        #expect(HubWorkflowDevices.workflowError(.readerMissing(prefix: "Virtual PCD")) == .unavailable(role, reason: HubWorkflowDevices.roleDown(role)))
    }

    @Test("without a hub device both roles are unavailable, with the citizen's reason")
    func unavailableWithoutDevices() async throws {
        let registry = DeviceRegistry(devices: [], profiles: Self.profiles, defaultOwner: "test-bureau")
        let hub = DeviceHub(devices: [], profiles: Self.profiles, registry: registry, factory: DeviceFactory(logger: Self.logger), logger: Self.logger)
        let devices = HubWorkflowDevices(hub: hub, registry: registry)
        await #expect(throws: WorkflowDeviceError.unavailable(.socialSecurityCardReader, reason: HubWorkflowDevices.roleDown(.socialSecurityCardReader))) {
            _ = try await devices.readSocialSecurityCard(timeout: .seconds(1))
        }
        await #expect(throws: WorkflowDeviceError.unavailable(.a4Printer, reason: HubWorkflowDevices.roleDown(.a4Printer))) {
            try await devices.printCertificate(Self.document)
        }
    }

    // MARK: A4 certificates

    static let document = CertificateDocument(
        title: "住房公积金缴存证明", issuer: "示例市住房公积金管理中心",
        rows: [.init(label: "姓名", value: "张*试"), .init(label: "证件号码", value: "9901**********0010"), .init(label: "账户状态", value: "正常")],
        tables: [.init(title: "缴存明细", columns: ["月份", "金额"], rows: [["2026-10", "1200.00"], ["2026-11", "1200.00"]])],
        verificationCode: "HPF-7Q2M-9X83", verificationURL: "https://verify.example/hpf?code=HPF-7Q2M-9X83", footer: "demo-001  2026-12-01 10:15"
    )

    @Test("a certificate document becomes the printer's certificate: holder line, kind, kiosk and date")
    func documentToCertificate() throws {
        let certificate = Self.document.certificate
        #expect(certificate.kind == .depositProof)
        #expect(certificate.title == "住房公积金缴存证明")
        #expect(certificate.holder == Certificate.Holder(name: "张*试", idNumber: "9901**********0010"))
        #expect(certificate.rows.map(\.label) == ["账户状态"])
        #expect(certificate.tables == [Certificate.Table(caption: "缴存明细", columns: ["月份", "金额"], rows: [["2026-10", "1200.00"], ["2026-11", "1200.00"]])])
        #expect(certificate.kioskID == "demo-001" && certificate.issuedOn == "2026-12-01 10:15")
        #expect(certificate.qrPayload == "https://verify.example/hpf?code=HPF-7Q2M-9X83")
        try certificate.validate()
        #expect(CertificateDocument.kind(forTitle: "无房证明") == .housingNone)
        #expect(CertificateDocument.kind(forTitle: "不动产权属证明") == .housingOwned)
    }

    /// The cupsd.sh queue and cups-pdf's folder; fails (never skips) when cupsd.sh did not run.
    static func cups() throws -> (queue: String, pdfFolder: String) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["CUPS_SERVER"] != nil, let queue = environment["KIOSK_TEST_CUPS_QUEUE"], let folder = environment["KIOSK_TEST_CUPS_PDF_DIR"] else {
            throw Failure(description: "CUPS_SERVER / KIOSK_TEST_CUPS_QUEUE / KIOSK_TEST_CUPS_PDF_DIR are not set: run `source scripts/test-services.d/cupsd.sh` (scripts/run-tests does)")
        }
        return (queue, folder)
    }

    /// A cups-pdf queue of this suite's own next to cupsd.sh's, made the way cupsd.sh makes it: KioskDevicesTests'
    /// CUPS suite stops and rejects the shared queue while this one prints (the two targets run in parallel).
    static func ownQueue(besides shared: String) throws -> String {
        let queue = shared + "-workflows"
        try command("/usr/sbin/lpadmin", ["-p", queue, "-E", "-v", "cups-pdf:/", "-P", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"])
        try command("/usr/sbin/lpadmin", ["-p", queue, "-o", "pdftops-renderer-default=pdftocairo"])
        return queue
    }

    static func command(_ path: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "\(path) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)") }
    }

    @Test("hpf.deposit-certificate runs against the sandbox and prints through a CUPS queue; the PDF has the title and code")
    func printsThroughCUPS() async throws {
        let (shared, folder) = try Self.cups()
        let queue = try Self.ownQueue(besides: shared)
        defer { try? Self.command("/usr/sbin/lpadmin", ["-x", queue]) }
        let configuration = [DeviceConfiguration(id: "a4-printer", role: .a4Printer, profile: "cups/generic-a4", match: .cups(queue: queue))]
        let registry = DeviceRegistry(devices: configuration, profiles: Self.profiles, defaultOwner: "test-bureau")
        let hub = DeviceHub(devices: configuration, profiles: Self.profiles, registry: registry, factory: DeviceFactory(logger: Self.logger), logger: Self.logger)
        let running = Task { try await hub.run() }
        defer { running.cancel() }
        let devices = CUPSDevices(hub: HubWorkflowDevices(hub: hub, registry: registry))
        let deadline = ContinuousClock.now + .seconds(15)
        while await hub.reports["a4-printer"]?.state != .online {
            if ContinuousClock.now > deadline {
                throw Failure(description: "a4-printer did not come online on queue \(queue): \(await hub.reports["a4-printer"].map { "\($0)" } ?? "no report")")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        let before = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])

        let workflow = try loadWorkflow("hpf.deposit-certificate")
        try await SandboxFixture.with { sandbox in
            let machine = try await Self.drive(workflow, methods: [.idCard], devices: devices, departments: sandbox.client)
            #expect(machine.context.error == nil, "\(machine.context.error?.message.text("en") ?? "")")
            #expect(machine.step is RateStep, "stopped at \(machine.lastStepID)")
        }

        let document = try #require(devices.printed.first, "nothing was printed")
        let code = try #require(document.verificationCode)
        // cups-pdf may finish writing just after CUPS reports the job completed: wait a little for the file.
        var added: [String] = []
        let fileDeadline = ContinuousClock.now + .seconds(10)
        while added.isEmpty, ContinuousClock.now < fileDeadline {
            added = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !before.contains($0) && $0.contains(code) && $0.hasSuffix(".pdf") }
            if added.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        // cups-pdf names the file after the job title, "<kind> <verification code>"; KioskDevicesTests prints into the same folder.
        let file = try #require(added.first, "cups-pdf wrote no PDF titled with \(code) into \(folder)")
        defer { try? FileManager.default.removeItem(atPath: folder + "/" + file) }
        let text = try Self.pdftotext(folder + "/" + file)
        #expect(text.contains(code))
        #expect(text.contains(document.title))
        #expect(text.contains(document.issuer))
    }

    static func pdftotext(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-enc", "UTF-8", path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "pdftotext \(path) exited \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Devices with a social-security card in the reader and nothing else.
private struct CardDevices: WorkflowDevices {
    let card: SocialSecurityCard
    func readIDCard(timeout: Duration) async throws -> IDCardHolder { throw WorkflowDeviceError.timedOut(.idCardReader) }
    func readSocialSecurityCard(timeout: Duration) async throws -> SocialSecurityCard { card }
    func nextQRCode(timeout: Duration) async throws -> ScannedCode { throw WorkflowDeviceError.timedOut(.qrScanner) }
    func printReceipt(_ receipt: Receipt) async throws {}
    func printCertificate(_ certificate: CertificateDocument) async throws {}
    func availability(of role: DeviceRole) async -> DeviceAvailability { .available }
}

/// zhang's ID card (as `FakeDevices`), and the A4 printer of a real hub; records the documents printed.
private final class CUPSDevices: WorkflowDevices, @unchecked Sendable {
    let hub: HubWorkflowDevices
    private let lock = NSLock()
    private var _printed: [CertificateDocument] = []
    var printed: [CertificateDocument] { lock.withLock { _printed } }

    init(hub: HubWorkflowDevices) { self.hub = hub }

    func readIDCard(timeout: Duration) async throws -> IDCardHolder { zhangCard() }
    func readSocialSecurityCard(timeout: Duration) async throws -> SocialSecurityCard { throw WorkflowDeviceError.timedOut(.socialSecurityCardReader) }
    func nextQRCode(timeout: Duration) async throws -> ScannedCode { throw WorkflowDeviceError.timedOut(.qrScanner) }
    func printReceipt(_ receipt: Receipt) async throws {}
    func printCertificate(_ certificate: CertificateDocument) async throws {
        try await hub.printCertificate(certificate)
        lock.withLock { _printed.append(certificate) }
    }
    func availability(of role: DeviceRole) async -> DeviceAvailability {
        role == .a4Printer ? await hub.availability(of: role) : .available
    }
}
