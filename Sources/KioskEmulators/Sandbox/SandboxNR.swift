import KioskCore

/// The sandbox 不动产 (nr) backend: ownership, registration progress, encumbrances, records, certificate checks.
enum SandboxNR {
    static func respond(to operation: String, body: JSONValue, state: SandboxState) async -> SandboxReply {
        switch operation {
        case "registration-progress/query": return progress(body["caseNumber"]?.stringValue)
        case "certificate-verification/query": return verification(body["caseNumber"]?.stringValue)
        default: break
        }
        guard let citizen = SandboxCitizen.identified(by: body) else { return .citizenNotFound }
        let name = SandboxMI.names[citizen.key] ?? ""
        let owned = properties.filter { $0.owner == citizen.key && $0.status == "valid" }
        switch operation {
        case "ownership-certificate/query":
            let owns = !owned.isEmpty
            return .ok([
                "name": .string(name), "owns": .bool(owns), "properties": .array(owned.map(\.record)),
                "certificate": SandboxFormat.certificate(
                    prefix: "NR", seed: "nr.ownership/\(citizen.key)",
                    zh: owns ? "不动产权属证明（有房）" : "不动产权属证明（无房）",
                    en: owns ? "Certificate of real-estate ownership" : "Certificate of non-ownership of real estate"
                ),
            ])
        case "encumbrance/query":
            guard !owned.isEmpty else { return noProperty }
            return .ok(["name": .string(name), "properties": .array(owned.map(\.encumbrance))])
        case "registration-records/query":
            guard !owned.isEmpty else { return noProperty }
            return .ok([
                "name": .string(name), "properties": .array(owned.map(\.record)),
                "certificate": SandboxFormat.certificate(
                    prefix: "NR", seed: "nr.records/\(citizen.key)", zh: "不动产登记资料查询结果证明",
                    en: "Extract of real-estate registration records"
                ),
            ])
        default: return .unknownOperation(operation)
        }
    }

    static let noProperty = SandboxReply.noRecords(
        zh: "未查询到您名下的不动产登记信息", en: "No real estate is registered in your name"
    )

    /// One registered property of the synthetic register.
    struct Property {
        var owner: String
        var number: String
        var location: String
        var area: String
        var use: String
        var shared: String
        var registeredAt: String
        var status = "valid"
        var mortgages: [JSONValue] = []
        var seizures: [JSONValue] = []

        var record: JSONValue {
            [
                "certificateNumber": .string(number), "location": .string(location), "area": .string(area), "use": .string(use),
                "rightType": "state-land-use-and-house-ownership", "shared": .string(shared), "registeredAt": .string(registeredAt),
            ]
        }

        var encumbrance: JSONValue {
            ["certificateNumber": .string(number), "location": .string(location), "mortgages": .array(mortgages), "seizures": .array(seizures)]
        }
    }

    static let properties: [Property] = [
        Property(
            owner: "zhang", number: "9901202100012345", location: "示例市虚构区新址路18号3栋1201", area: "89.50", use: "residential",
            shared: "joint", registeredAt: "2021-06-18",
            mortgages: [
                mortgage("示例市住房公积金管理中心", "600000.00", "2021-06-18", "2051-06-17"),
                mortgage("示例银行示例市分行", "400000.00", "2021-06-18", "2051-06-17"),
            ]
        ),
        Property(
            owner: "li", number: "9901201500004567", location: "示例市样例区老街9号2栋302", area: "72.30", use: "residential",
            shared: "sole", registeredAt: "2015-03-20"
        ),
        Property(
            owner: "li", number: "9901201600007788", location: "示例市样例区老街9号地下车位B-017", area: "13.20", use: "parking",
            shared: "sole", registeredAt: "2016-05-10"
        ),
        Property(
            owner: "ouyang", number: "9901201900023456", location: "示例市演示区团结路66号1栋501", area: "102.80", use: "residential",
            shared: "sole", registeredAt: "2019-11-02",
            mortgages: [mortgage("示例农村商业银行", "500000.00", "2019-11-02", "2039-11-01")],
            seizures: [[
                "authority": "示例市演示区人民法院", "documentNumber": "(2025)测0105执保321号", "from": "2025-09-01", "to": "2028-08-31",
            ]]
        ),
        Property(
            owner: "ouyang", number: "9901201200000888", location: "示例市演示区团结路66号1栋501", area: "102.80", use: "residential",
            shared: "sole", registeredAt: "2012-04-16", status: "replaced"
        ),
    ]

    static func mortgage(_ mortgagee: String, _ amount: String, _ from: String, _ to: String) -> JSONValue {
        ["mortgagee": .string(mortgagee), "amount": .string(amount), "registeredAt": .string(from), "from": .string(from), "to": .string(to)]
    }

    static let steps = ["accepted", "reviewed", "registered", "certified", "collected"]

    static func progress(_ caseNumber: String?) -> SandboxReply {
        let cases: [String: (kind: String, submitted: String, expected: String, done: [String], rejected: Bool)] = [
            "202611180031": ("transfer", "2026-11-18", "2026-12-02", ["2026-11-18"], false),
            "202610090007": ("mortgage", "2026-10-09", "2026-10-16", ["2026-10-09", "2026-10-12", "2026-10-13", "2026-10-14", "2026-10-16"], false),
            "202611250102": ("first", "2026-11-25", "2026-12-09", ["2026-11-25", "2026-11-27"], true),
        ]
        guard let caseNumber, let found = cases[caseNumber] else {
            return .problem(404, "CASE_NOT_FOUND", zh: "未查询到该受理编号，请核对后重新输入", en: "No case has this number; check it and try again")
        }
        let list: [JSONValue] = steps.enumerated().map { index, step in
            ["step": .string(step), "completedAt": index < found.done.count ? .string(found.done[index]) : .null]
        }
        var body: [String: JSONValue] = [
            "caseNumber": .string(caseNumber), "kind": .string(found.kind), "submittedAt": .string(found.submitted),
            "status": .string(found.rejected ? "rejected" : steps[found.done.count - 1]), "expectedBy": .string(found.expected),
            "steps": .array(list),
        ]
        if found.rejected {
            body["reason"] = ["zh-CN": "申请材料不齐全，请携带补充材料到登记窗口办理", "en": "Documents are missing; bring them to a registration counter"]
        }
        return .ok(.object(body))
    }

    static func verification(_ number: String?) -> SandboxReply {
        guard let number, !number.isEmpty else {
            return .invalid("caseNumber", zh: "请扫描或输入证书编号", en: "Scan or enter the certificate number")
        }
        guard let property = properties.first(where: { $0.number == number }) else {
            return .ok(["certificateNumber": .string(number), "genuine": false])
        }
        let name = SandboxMI.names[property.owner] ?? ""
        let masked = name.count <= 2 ? String(name.prefix(1)) + "*" : String(name.prefix(1)) + "*" + String(name.suffix(1))
        return .ok([
            "certificateNumber": .string(number), "genuine": true, "status": .string(property.status),
            "ownerMasked": .string(masked), "locationMasked": .string(String(property.location.prefix(9)) + "**"),
            "issuedAt": .string(property.registeredAt),
        ])
    }
}
