import Foundation
import KioskCore

/// The sandbox 人社 (hrss) backend: enrolment, contributions, pension certification, cards, resident pension, unemployment.
enum SandboxHRSS {
    static func respond(to operation: String, body: JSONValue, state: SandboxState) async -> SandboxReply {
        guard let citizen = SandboxCitizen.identified(by: body) else { return .citizenNotFound }
        let person = Person.of(citizen.key)
        switch operation {
        case "enrollment/query": return enrollment(person)
        case "contributions/years": return .ok(["name": .string(person.name), "years": .array(person.years.reversed().map { .number(Double($0)) })])
        case "contributions/query": return contributions(person, body: body)
        case "pension-certification/query": return await pensionStatus(person, state: state)
        case "pension-certification/submit": return await pensionSubmit(person, state: state)
        case "card-status/query": return await cardStatus(person, state: state)
        case "card-status/submit": return await reportLoss(person, state: state)
        case "resident-pension-payment/query": return await residentPension(person, state: state)
        case "resident-pension-payment/pay": return await residentPensionPay(person, body: body, state: state)
        case "unemployment-benefit/query": return unemployment(person)
        case "unemployment-benefit/submit": return await unemploymentSubmit(person, body: body, state: state)
        default: return .unknownOperation(operation)
        }
    }

    /// A test citizen as the social-insurance bureau sees them.
    struct Person {
        var key: String
        var name: String
        var unit: String?
        var first: Int
        var last: Int
        var status: String
        var types: [String]
        var resident = false
        var base: (Int) -> Double = { _ in 0 }

        var years: [Int] { Array(first / 12...last / 12) }

        static func of(_ key: String) -> Person {
            switch key {
            case "zhang":
                return Person(
                    key: key, name: "张测试", unit: "示例市虚构科技有限公司", first: SandboxFormat.monthIndex(2008, 7),
                    last: SandboxFormat.monthIndex(2026, 11), status: "active",
                    types: ["pension", "medical", "unemployment", "injury", "maternity"],
                    base: { 3200 + Double($0 - 2008) * 320 }
                )
            case "li":
                return Person(
                    key: key, name: "李示例", unit: nil, first: SandboxFormat.monthIndex(1988, 9),
                    last: SandboxFormat.monthIndex(2013, 7), status: "retired", types: ["pension", "medical"],
                    base: { 400 + Double($0 - 1988) * 130 }
                )
            case "wang":
                return Person(
                    key: key, name: "王样本", unit: "示例市样本物流有限公司", first: SandboxFormat.monthIndex(2022, 7),
                    last: SandboxFormat.monthIndex(2026, 9), status: "suspended", types: ["pension", "medical", "unemployment"],
                    base: { 4200 + Double($0 - 2022) * 400 }
                )
            default:
                return Person(
                    key: key, name: "欧阳测试", unit: nil, first: SandboxFormat.monthIndex(2012, 3),
                    last: SandboxFormat.monthIndex(2026, 3), status: "active", types: ["resident-pension"], resident: true
                )
            }
        }
    }

    static let grades: [(String, Double, Double)] = [
        ("1", 200, 30), ("2", 300, 40), ("3", 400, 50), ("4", 500, 60), ("5", 600, 70),
        ("6", 800, 80), ("7", 1000, 90), ("8", 1500, 100), ("9", 2000, 110), ("10", 3000, 120),
    ]

    static func enrollment(_ person: Person) -> SandboxReply {
        let months = person.resident ? (person.years.count * 12) : (person.last - person.first + 1)
        let insurances: [JSONValue] = person.types.map {
            ["type": .string($0), "status": .string(person.status), "since": .string(SandboxFormat.month(person.first)),
             "lastPaidMonth": .string(SandboxFormat.month(person.last))]
        }
        return .ok([
            "name": .string(person.name), "insuredRegion": "示例市", "unit": person.unit.map(JSONValue.string) ?? .null,
            "totalMonths": .number(Double(months)), "insurances": .array(insurances),
        ])
    }

    static func contributions(_ person: Person, body: JSONValue) -> SandboxReply {
        guard let requested = body["years"]?.arrayValue?.compactMap(\.numberValue).map({ Int($0) }), !requested.isEmpty else {
            return .invalid("years", zh: "请选择要查询的年份", en: "Choose the years to show")
        }
        var records: [JSONValue] = []
        var personalTotal = 0.0
        var unitTotal = 0.0
        for year in requested.sorted(by: >) where person.years.contains(year) {
            let months = person.resident ? [SandboxFormat.monthIndex(year, 3)] : Array((year * 12...year * 12 + 11).reversed())
            for month in months where month >= person.first && month <= person.last {
                let grade = grades[(year + person.key.count) % 5]
                let base = person.resident ? 0 : person.base(year)
                let personal = person.resident ? grade.1 : base * 0.105
                let unit = person.resident ? grade.2 : base * 0.255
                personalTotal += personal
                unitTotal += unit
                records.append([
                    "month": .string(SandboxFormat.month(month)),
                    "unit": .string(person.resident ? "城乡居民养老保险个人缴费（含政府补贴）" : (person.unit ?? "示例市纺织机械厂")),
                    "base": SandboxFormat.money(base), "personalAmount": SandboxFormat.money(personal),
                    "unitAmount": SandboxFormat.money(unit),
                ])
            }
        }
        guard !records.isEmpty else {
            return .noRecords(zh: "所选年份没有缴费记录", en: "No contributions in the chosen years")
        }
        return .ok([
            "name": .string(person.name), "records": .array(records),
            "totals": ["months": .number(Double(records.count)), "personalAmount": SandboxFormat.money(personalTotal),
                       "unitAmount": SandboxFormat.money(unitTotal)],
            "certificate": SandboxFormat.certificate(
                prefix: "HRSS", seed: "hrss.contributions/\(person.key)/\(requested.sorted())",
                zh: "社会保险个人缴费证明", en: "Certificate of social-insurance contributions"
            ),
        ])
    }

    static func pensionStatus(_ person: Person, state: SandboxState) async -> SandboxReply {
        guard person.status == "retired" else {
            return .notEligible(zh: "您尚未领取养老待遇，无需认证", en: "You do not draw a pension, so no certification is needed")
        }
        let done = await state.wasSubmitted("hrss/pension-certification/\(person.key)")
        return .ok([
            "name": .string(person.name), "pensionType": "enterprise",
            "certifiedUntil": .string(done ? "2027-12-31" : "2026-12-31"), "due": .bool(!done),
        ])
    }

    static func pensionSubmit(_ person: Person, state: SandboxState) async -> SandboxReply {
        guard person.status == "retired" else {
            return .notEligible(zh: "您尚未领取养老待遇，无需认证", en: "You do not draw a pension, so no certification is needed")
        }
        guard await state.submitOnce("hrss/pension-certification/\(person.key)") else {
            return .duplicate(zh: "您本年度已完成认证", en: "You are already certified for this year")
        }
        return .ok(SandboxFormat.submission(await state.nextNumber(prefix: "HRSS"), ["certifiedUntil": "2027-12-31"]))
    }

    static func cardStatus(_ person: Person, state: SandboxState) async -> SandboxReply {
        guard !person.resident else {
            return .noRecords(zh: "未查询到您的社会保障卡", en: "No social-security card was found for you")
        }
        let lost = await state.wasSubmitted("hrss/card-status/\(person.key)")
        let issued = ["zhang": "2016-04-12", "li": "2014-09-01", "wang": "2022-08-15"][person.key] ?? "2020-01-01"
        return .ok([
            "name": .string(person.name), "cardNumberMasked": .string("S990****\(person.key.count)"),
            "status": .string(lost ? "lost-temporary" : "active"), "bank": "示例银行", "issuedAt": .string(issued),
        ])
    }

    static func reportLoss(_ person: Person, state: SandboxState) async -> SandboxReply {
        guard !person.resident else {
            return .noRecords(zh: "未查询到您的社会保障卡", en: "No social-security card was found for you")
        }
        guard await state.submitOnce("hrss/card-status/\(person.key)") else {
            return .notEligible(zh: "您的社保卡已挂失", en: "Your card is already reported lost")
        }
        return .ok(SandboxFormat.submission(
            await state.nextNumber(prefix: "HRSS"),
            ["status": "lost-temporary", "validUntil": .string(SandboxClock.date(after: 30 * 86_400))]
        ))
    }

    static func residentPension(_ person: Person, state: SandboxState) async -> SandboxReply {
        guard person.resident else {
            return .notEligible(
                zh: "您已参加职工基本养老保险，无需缴纳城乡居民养老保险", en: "You are in the employees' pension scheme, not the resident one"
            )
        }
        let paid = await state.hasPaid("hrss/resident-pension/\(person.key)")
        let list: [JSONValue] = grades.map {
            ["grade": .string($0.0), "amount": SandboxFormat.money($0.1), "subsidy": SandboxFormat.money($0.2)]
        }
        return .ok(["name": .string(person.name), "year": 2027, "paid": .bool(paid), "grades": .array(list)])
    }

    static func residentPensionPay(_ person: Person, body: JSONValue, state: SandboxState) async -> SandboxReply {
        guard person.resident else {
            return .notEligible(
                zh: "您已参加职工基本养老保险，无需缴纳城乡居民养老保险", en: "You are in the employees' pension scheme, not the resident one"
            )
        }
        guard let grade = grades.first(where: { $0.0 == body["grade"]?.stringValue }) else {
            return .invalid("grade", zh: "请选择缴费档次", en: "Choose a contribution grade")
        }
        let purpose = "hrss/resident-pension/\(person.key)"
        guard await !state.hasPaid(purpose) else {
            return .duplicate(zh: "您已缴纳2027年度城乡居民养老保险", en: "You have already paid for 2027")
        }
        let payment = await state.createPayment(prefix: "HRSS", amount: String(format: "%.2f", grade.1), purpose: purpose)
        return .ok(payment.json)
    }

    static func unemployment(_ person: Person) -> SandboxReply {
        guard person.key == "wang" else {
            let reason: JSONValue = person.status == "retired"
                ? ["zh-CN": "您已退休，不能申领失业保险金", "en": "You are retired and cannot claim unemployment benefit"]
                : ["zh-CN": "您目前没有失业登记或未参加失业保险", "en": "You are not registered as unemployed or not insured against unemployment"]
            return .ok(["name": .string(person.name), "eligible": false, "reason": reason])
        }
        return .ok([
            "name": .string(person.name), "eligible": true, "insuredMonths": .number(Double(person.last - person.first + 1)),
            "separationDate": "2026-09-30", "lastUnit": .string(person.unit ?? ""), "monthlyAmount": "1980.00", "maxMonths": 12,
        ])
    }

    static func unemploymentSubmit(_ person: Person, body: JSONValue, state: SandboxState) async -> SandboxReply {
        guard person.key == "wang" else {
            return .notEligible(zh: "您不符合失业保险金申领条件", en: "You are not eligible for unemployment benefit")
        }
        guard SandboxFormat.isPhone(body["phone"]?.stringValue) else {
            return .invalid("phone", zh: "请输入11位手机号码", en: "Enter an 11-digit mobile number")
        }
        guard SandboxFormat.isDigits(body["bankAccount"]?.stringValue, lengths: 16...19) else {
            return .invalid("bankAccount", zh: "请输入16至19位银行卡号", en: "Enter a bank card number of 16 to 19 digits")
        }
        guard await state.submitOnce("hrss/unemployment-benefit/\(person.key)") else {
            return .duplicate(zh: "您已提交过申请，请勿重复申请", en: "You have already applied")
        }
        return .ok(SandboxFormat.submission(await state.nextNumber(prefix: "HRSS"), ["expectedDays": 15]))
    }
}
