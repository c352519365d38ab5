import KioskCore

/// The sandbox 医保 (mi) backend: enrolment, personal account, resident contribution, cross-region filing, claims.
enum SandboxMI {
    static func respond(to operation: String, body: JSONValue, state: SandboxState) async -> SandboxReply {
        guard let citizen = SandboxCitizen.identified(by: body) else { return .citizenNotFound }
        let key = citizen.key
        switch operation {
        case "enrollment/query": return enrollment(key)
        case "account/query": return account(key)
        case "resident-payment/query": return await residentPayment(key, state: state)
        case "resident-payment/pay": return await residentPay(key, state: state)
        case "cross-region-filing/submit": return await filing(key, body: body, state: state)
        case "reimbursement-progress/query": return reimbursements(key)
        default: return .unknownOperation(operation)
        }
    }

    static let names = ["zhang": "张测试", "li": "李示例", "wang": "王样本", "ouyang": "欧阳测试"]
    static let hospitals: [JSONValue] = ["示例市第一人民医院", "示例市中医院", "虚构区社区卫生服务中心"]
    static let destinations = ["990200": "测试省样例市", "990300": "测试省演示市", "980100": "虚构省模拟市"]
    static let reasons = ["retiree-relocated", "long-term-resident", "posted-worker", "referral", "temporary"]

    static func enrollment(_ key: String) -> SandboxReply {
        let (category, status, since, unit): (String, String, String, JSONValue) = switch key {
        case "zhang": ("employee", "active", "2008-07", "示例市虚构科技有限公司")
        case "li": ("retiree", "active", "1988-09", .null)
        case "wang": ("employee", "suspended", "2022-07", "示例市样本物流有限公司")
        default: ("resident", "active", "2016-01", .null)
        }
        return .ok([
            "name": .string(names[key] ?? ""), "insuredRegion": "示例市", "category": .string(category),
            "status": .string(status), "since": .string(since), "unit": unit, "designatedHospitals": .array(hospitals),
        ])
    }

    static func account(_ key: String) -> SandboxReply {
        let (balance, income, monthly): (Double, Double, Double) = switch key {
        case "zhang": (3268.45, 2412.00, 201.00)
        case "li": (5120.80, 3960.00, 330.00)
        case "wang": (1204.16, 1053.00, 117.00)
        default: (0, 0, 0)
        }
        guard monthly > 0 else {
            return .noRecords(zh: "城乡居民医保没有个人账户", en: "Resident medical insurance has no personal account")
        }
        let purchases: [(String, String, Double)] = [
            ("2026-11-20", "示例大药房 购药", 46.80), ("2026-10-28", "示例市第一人民医院 门诊", 128.50),
            ("2026-09-16", "虚构区社区卫生服务中心 门诊", 35.00), ("2026-07-03", "示例大药房 购药", 89.40),
        ]
        var entries: [(String, String, String, Double)] = purchases.map { ($0.0, "expense", $0.1, $0.2) }
        for month in [11, 10, 9, 8, 7] {
            entries.append((SandboxFormat.month(SandboxFormat.monthIndex(2026, month)) + "-05", "income", "单位及个人缴费划入", monthly))
        }
        entries.sort { $0.0 > $1.0 }
        var running = balance
        var transactions: [JSONValue] = []
        for entry in entries {
            transactions.append([
                "date": .string(entry.0), "kind": .string(entry.1), "description": .string(entry.2),
                "amount": SandboxFormat.money(entry.3), "balanceAfter": SandboxFormat.money(running),
            ])
            running += entry.1 == "income" ? -entry.3 : entry.3
        }
        return .ok([
            "name": .string(names[key] ?? ""), "balance": SandboxFormat.money(balance), "yearIncome": SandboxFormat.money(income),
            "yearExpense": SandboxFormat.money(purchases.reduce(0) { $0 + $1.2 } + 286.60), "transactions": .array(transactions),
        ])
    }

    static func residentPayment(_ key: String, state: SandboxState) async -> SandboxReply {
        guard key == "ouyang" else {
            return .notEligible(zh: "您参加的是职工医保，无需缴纳城乡居民医保", en: "You are in the employees' scheme, not the resident one")
        }
        let paid = await state.hasPaid("mi/resident-payment/\(key)")
        return .ok(["name": .string(names[key] ?? ""), "year": 2027, "amount": "400.00", "paid": .bool(paid), "dueBy": "2027-02-28"])
    }

    static func residentPay(_ key: String, state: SandboxState) async -> SandboxReply {
        guard key == "ouyang" else {
            return .notEligible(zh: "您参加的是职工医保，无需缴纳城乡居民医保", en: "You are in the employees' scheme, not the resident one")
        }
        let purpose = "mi/resident-payment/\(key)"
        guard await !state.hasPaid(purpose) else {
            return .duplicate(zh: "您已缴纳2027年度城乡居民医保", en: "You have already paid for 2027")
        }
        return .ok(await state.createPayment(prefix: "MI", amount: "400.00", purpose: purpose).json)
    }

    static func filing(_ key: String, body: JSONValue, state: SandboxState) async -> SandboxReply {
        guard let code = body["destination"]?.stringValue, let destination = destinations[code] else {
            return .invalid("destination", zh: "请选择有效的就医地", en: "Choose a valid place of treatment")
        }
        guard let reason = body["reason"]?.stringValue, reasons.contains(reason) else {
            return .invalid("reason", zh: "请选择备案类型", en: "Choose the kind of filing")
        }
        guard SandboxFormat.isPhone(body["phone"]?.stringValue) else {
            return .invalid("phone", zh: "请输入11位手机号码", en: "Enter an 11-digit mobile number")
        }
        guard await state.submitOnce("mi/cross-region-filing/\(key)") else {
            return .duplicate(zh: "您已有有效的异地就医备案", en: "You already have a valid filing")
        }
        return .ok(SandboxFormat.submission(await state.nextNumber(prefix: "MI"), [
            "validFrom": .string(SandboxClock.date()), "validUntil": .string(SandboxClock.date(after: 364 * 86_400)),
            "destinationName": .string(destination),
        ]))
    }

    static func reimbursements(_ key: String) -> SandboxReply {
        let claims: [JSONValue] = switch key {
        case "li": [
            claim("MIC2026110500012", "示例市第一人民医院", "2026-10-12", "2026-11-05", "12860.00", nil, "reviewing", "2026-11-20"),
            claim("MIC2026062100087", "测试省样例市中心医院", "2026-05-30", "2026-06-21", "3420.50", "2736.40", "paid", "2026-07-15"),
        ]
        case "ouyang": [
            claim("MIC2026090300045", "示例市中医院", "2026-08-14", "2026-09-03", "8600.00", "4730.00", "approved", "2026-11-28"),
        ]
        default: []
        }
        guard !claims.isEmpty else {
            return .noRecords(zh: "未查询到您的报销记录", en: "No reimbursement claims were found")
        }
        return .ok(["name": .string(names[key] ?? ""), "claims": .array(claims)])
    }

    static func claim(
        _ number: String, _ hospital: String, _ treated: String, _ submitted: String, _ cost: String, _ reimbursed: String?,
        _ status: String, _ updated: String
    ) -> JSONValue {
        [
            "claimNumber": .string(number), "hospital": .string(hospital), "treatmentDate": .string(treated),
            "submittedAt": .string(submitted), "totalCost": .string(cost), "reimbursed": reimbursed.map(JSONValue.string) ?? .null,
            "status": .string(status), "updatedAt": .string(updated),
        ]
    }
}
