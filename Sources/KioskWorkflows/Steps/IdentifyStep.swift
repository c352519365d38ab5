import KioskCore
import KioskDevices

/// `identify`: the citizen chooses a method and presents a card, scans a QR code or types a case number.
///
/// Stores `identity` in the personal data: `method`, and `name`, `idNumber`, `gender`, `birthDate`,
/// `address` (ID card), `name`, `idNumber`, `cardNumber` (social-security card), `voucher` (e-voucher QR),
/// or `caseNumber`; and `identifier`, the one field departments identify the citizen by
/// (`{"idNumber": …}`, `{"ssn": …}`, `{"voucher": …}` or `{"caseNumber": …}`).
public struct IdentifyStep: WorkflowStep {
    public static let kind = "identify"
    public static let keys = ["keypad", "scan", "timeout"]

    public let header: StepHeader
    /// The case-number keypad: length and pattern (a regular expression the whole number must match).
    public var keypadLength: Int
    public var keypadPattern: String
    /// True when a case number may also be scanned (from a receipt or a certificate's QR code).
    public var scan: Bool
    /// How long to wait for a card or a code.
    public var timeout: Duration

    public static func parse(_ table: YAMLTable, header: StepHeader, reader: YAMLReader) -> IdentifyStep? {
        var length = 18
        var pattern = "[0-9A-Z]{6,32}"
        if let keypad = table.table("keypad", allowed: ["length", "pattern"], required: false) {
            length = keypad.integer("length", in: 1...64, required: false) ?? length
            pattern = keypad.parsed("pattern", required: false, expected: "a regular expression", { (try? Regex($0)) != nil ? $0 : nil }) ?? pattern
        }
        return IdentifyStep(
            header: header,
            keypadLength: length,
            keypadPattern: pattern,
            scan: table.boolean("scan", required: false) ?? false,
            timeout: table.duration("timeout", in: .seconds(5) ... .seconds(600), required: false) ?? .seconds(60)
        )
    }

    public func enter(_ context: inout StepContext) -> StepCommand {
        context.state = [:]
        if context.methods.count == 1 { return choose(context.methods[0], &context) }
        return .wait
    }

    public func receive(_ input: SessionInput, context: inout StepContext) throws(SessionInputError) -> StepCommand {
        switch input.action {
        case "choose":
            guard let method = input.method.flatMap(IdentificationMethod.init(rawValue:)), context.methods.contains(method) else {
                let offered = context.methods.map(\.rawValue).joined(separator: ", ")
                throw .invalidValue(step: header.id, reason: "method \"\(input.method ?? "")\" is not offered; choose one of \(offered)")
            }
            context.error = nil
            return choose(method, &context)
        case "submit" where context.state["waiting"] == .string(IdentificationMethod.caseNumber.rawValue):
            let number = (input.fields?["caseNumber"] ?? "").uppercased()
            guard number.count <= keypadLength, (try? Regex(keypadPattern).wholeMatch(in: number)) != nil else {
                throw .invalidField(step: header.id, field: "caseNumber", expected: "up to \(keypadLength) characters matching \(keypadPattern)")
            }
            context.data.set("identity", ["method": "case-number", "caseNumber": .string(number), "identifier": ["caseNumber": .string(number)]])
            context.identifiedBy = .caseNumber
            return .advance
        default:
            throw .notAccepted(step: header.id, kind: header.kind, action: input.action)
        }
    }

    private func choose(_ method: IdentificationMethod, _ context: inout StepContext) -> StepCommand {
        context.state["waiting"] = .string(method.rawValue)
        switch method {
        case .idCard, .socialSecurityCard, .medicalInsuranceQR: return .run(idle: true)
        case .caseNumber: return scan ? .run(idle: true) : .wait
        }
    }

    public func perform(_ job: StepJob) async -> StepJobResult {
        let devices = job.environment.devices
        do {
            switch job.state["waiting"]?.stringValue.flatMap(IdentificationMethod.init(rawValue:)) {
            case .idCard:
                var holder = try await devices.readIDCard(timeout: timeout)
                defer { holder.wipe() }
                return .success([
                    "method": "id-card", "name": .string(holder.name), "idNumber": .string(holder.idNumber),
                    "gender": .string(holder.gender.chineseName), "birthDate": .string(holder.birthDate.text),
                    "address": .string(holder.currentAddress), "identifier": ["idNumber": .string(holder.idNumber)],
                ])
            case .socialSecurityCard:
                let card = try await devices.readSocialSecurityCard(timeout: timeout)
                return .success([
                    "method": "social-security-card", "name": .string(card.holder.name), "idNumber": .string(card.holder.socialSecurityNumber),
                    "cardNumber": .string(card.card.cardNumber), "identifier": ["ssn": .string(card.card.cardNumber)],
                ])
            case .medicalInsuranceQR:
                let code = try await devices.nextQRCode(timeout: timeout)
                return .success(["method": "mi-qr", "voucher": .string(code.text), "identifier": ["voucher": .string(code.text)]])
            case .caseNumber:
                let code = try await devices.nextQRCode(timeout: timeout)
                let number = Self.caseNumber(fromScanned: code.text).uppercased()
                guard number.count <= keypadLength, (try? Regex(keypadPattern).wholeMatch(in: number)) != nil else {
                    return .failure(StepFailure(
                        message: LocalizedText(zh: "扫到的二维码不是有效编号，请在键盘上输入", en: "The scanned code is not a valid number; type it on the keypad"),
                        retryable: true, code: "identify.bad-code"
                    ))
                }
                return .success(["method": "case-number", "caseNumber": .string(number), "identifier": ["caseNumber": .string(number)]])
            case nil:
                return .failure(StepFailure(message: LocalizedText(zh: "请选择身份核验方式", en: "Choose how to identify"), retryable: true, code: "identify.none"))
            }
        } catch {
            return .failure(StepFailure.from(error))
        }
    }

    public func complete(_ result: StepJobResult, context: inout StepContext) -> StepCommand {
        switch result {
        case .success(let identity):
            context.data.set("identity", identity)
            context.identifiedBy = identity["method"]?.stringValue.flatMap(IdentificationMethod.init(rawValue:))
            return .advance
        case .failure(let failure):
            if context.state["waiting"] == .string(IdentificationMethod.caseNumber.rawValue) {
                if failure.code == "identify.bad-code" { context.error = failure }
                return .wait  // the keypad still works when scanning gave nothing
            }
            context.state["waiting"] = .null
            return context.fail(failure)
        }
    }

    public func view(_ context: StepContext) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "methods": .array(context.methods.map { .string($0.rawValue) }),
            "waiting": context.state["waiting"] ?? .null,
        ]
        if context.methods.contains(.caseNumber) {
            fields["keypad"] = ["length": .number(Double(keypadLength)), "pattern": .string(keypadPattern)]
        }
        return fields
    }

    /// A scanned code as a case number: the `case`/`code` query parameter of a link, or the text itself.
    static func caseNumber(fromScanned text: String) -> String {
        guard text.hasPrefix("http"), let query = text.split(separator: "?", maxSplits: 1).last else { return text }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, ["case", "code", "caseNumber"].contains(String(parts[0])) { return String(parts[1]) }
        }
        return text
    }
}
