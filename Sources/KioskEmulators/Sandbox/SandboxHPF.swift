import Foundation
import KioskCore

/// The sandbox 公积金 (hpf) backend: account, deposit certificate, loans, rent withdrawal, settlement certificate.
enum SandboxHPF {
    static func respond(to operation: String, body: JSONValue, state: SandboxState) async -> SandboxReply {
        guard let citizen = SandboxCitizen.identified(by: body), let account = accounts[citizen.key] else {
            return .problem(404, "CITIZEN_NOT_FOUND", zh: "未查询到您的住房公积金账户", en: "No housing-fund account was found for you")
        }
        switch operation {
        case "account/query":
            var body = account.summary
            body["deposits"] = .array(account.deposits)
            return .ok(.object(body))
        case "deposit-certificate/query":
            var body = account.summary
            body["continuousMonths"] = .number(Double(account.continuousMonths))
            body["certificate"] = SandboxFormat.certificate(
                prefix: "HPF", seed: "hpf.deposit/\(citizen.key)", zh: "住房公积金缴存证明", en: "Certificate of housing-fund deposits"
            )
            return .ok(.object(body))
        case "loan/query":
            guard citizen.key == "zhang" || citizen.key == "li" else { return noLoan }
            return .ok(["name": .string(account.name), "loans": .array([citizen.key == "zhang" ? zhangLoan : liLoan])])
        case "withdrawal/query": return await withdrawal(citizen.key, account: account, state: state)
        case "withdrawal/submit": return await withdraw(citizen.key, body: body, state: state)
        case "loan-settlement-certificate/query":
            guard citizen.key == "li" else {
                return .noRecords(zh: "您没有已结清的公积金贷款", en: "You have no settled housing-fund loan")
            }
            return .ok([
                "name": .string(account.name),
                "loans": [[
                    "loanNumber": "GJJ2005030007", "amount": "150000.00", "startDate": "2005-03-10", "settledAt": "2015-03-09",
                    "location": "示例市样例区老街9号2栋302",
                ]],
                "certificate": SandboxFormat.certificate(
                    prefix: "HPF", seed: "hpf.settlement/li", zh: "住房公积金贷款结清证明", en: "Certificate of housing-fund loan settlement"
                ),
            ])
        default: return .unknownOperation(operation)
        }
    }

    static let noLoan = SandboxReply.noRecords(zh: "未查询到您的公积金贷款", en: "No housing-fund loan was found for you")

    /// A synthetic housing-fund account.
    struct Account {
        var name: String
        var number: String
        var status: String
        var unit: String
        var balance: Double
        var base: Double
        var rate: Double
        var lastMonth: Int
        var opened: String
        var continuousMonths: Int
        var repayment: Double = 0

        var monthly: Double { (base * rate / 100 * 2).rounded() }

        var summary: [String: JSONValue] {
            [
                "name": .string(name), "accountNumber": .string(number), "status": .string(status), "unit": .string(unit),
                "balance": SandboxFormat.money(balance), "base": SandboxFormat.money(base),
                "personalRate": .string(String(format: "%.0f", rate)), "unitRate": .string(String(format: "%.0f", rate)),
                "monthlyDeposit": SandboxFormat.money(status == "closed" ? 0 : monthly),
                "paidUpTo": .string(SandboxFormat.month(lastMonth)), "openedAt": .string(opened),
            ]
        }

        /// Deposits (and interest, loan repayments) of the last 24 months, newest first.
        var deposits: [JSONValue] {
            guard status != "closed" else {
                return [["month": "2013-08", "kind": "withdrawal", "amount": "61233.80", "balanceAfter": "0.00"]]
            }
            var running = balance
            var items: [JSONValue] = []
            for month in stride(from: lastMonth, to: lastMonth - 24, by: -1) {
                var entries: [(String, Double)] = [("deposit", monthly)]
                if month % 12 == 5 { entries.insert(("interest", (running * 1.5).rounded() / 100), at: 0) }
                if repayment > 0 { entries.insert(("repayment", -repayment), at: 0) }
                for (kind, amount) in entries {
                    items.append([
                        "month": .string(SandboxFormat.month(month)), "kind": .string(kind), "amount": SandboxFormat.money(abs(amount)),
                        "balanceAfter": SandboxFormat.money(running),
                    ])
                    running -= amount
                }
            }
            return items
        }
    }

    static let accounts: [String: Account] = [
        "zhang": Account(
            name: "张测试", number: "9901000123", status: "normal", unit: "示例市虚构科技有限公司", balance: 85432.10, base: 8600, rate: 12,
            lastMonth: SandboxFormat.monthIndex(2026, 11), opened: "2008-07-15", continuousMonths: 221, repayment: 1200
        ),
        "li": Account(
            name: "李示例", number: "9901000045", status: "closed", unit: "示例市纺织机械厂", balance: 0, base: 3650, rate: 8,
            lastMonth: SandboxFormat.monthIndex(2013, 7), opened: "1996-01-10", continuousMonths: 0
        ),
        "wang": Account(
            name: "王样本", number: "9901002233", status: "sealed", unit: "示例市样本物流有限公司", balance: 23410.00, base: 5800, rate: 10,
            lastMonth: SandboxFormat.monthIndex(2026, 9), opened: "2022-07-20", continuousMonths: 51
        ),
    ]

    /// 张测试's loan: 600 000 over 30 years at 2.85 %, repaid monthly since July 2021 (equal instalments).
    static let zhangLoan: JSONValue = {
        let principal = 600_000.0
        let rate = 0.0285 / 12
        let months = 360.0
        let payment = (principal * rate / (1 - pow(1 + rate, -months)) * 100).rounded() / 100
        var balance = principal
        var repayments: [JSONValue] = []
        let first = SandboxFormat.monthIndex(2021, 7)
        let last = SandboxFormat.monthIndex(2026, 11)
        for month in first...last {
            let interest = (balance * rate * 100).rounded() / 100
            let part = payment - interest
            balance -= part
            if month > last - 12 {
                repayments.insert([
                    "date": .string(SandboxFormat.month(month) + "-20"), "principal": SandboxFormat.money(part),
                    "interest": SandboxFormat.money(interest), "balanceAfter": SandboxFormat.money(balance),
                ], at: 0)
            }
        }
        return [
            "loanNumber": "GJJ2021060018", "amount": SandboxFormat.money(principal), "balance": SandboxFormat.money(balance),
            "rate": "2.85", "termMonths": 360, "startDate": "2021-06-25", "endDate": "2051-06-24",
            "monthlyPayment": SandboxFormat.money(payment), "status": "repaying", "overdueAmount": "0.00",
            "nextPaymentDate": "2026-12-20", "repayments": .array(repayments),
        ]
    }()

    static let liLoan: JSONValue = [
        "loanNumber": "GJJ2005030007", "amount": "150000.00", "balance": "0.00", "rate": "4.41", "termMonths": 120,
        "startDate": "2005-03-10", "endDate": "2015-03-09", "monthlyPayment": "1549.55", "status": "settled",
        "overdueAmount": "0.00", "nextPaymentDate": .null, "repayments": [],
    ]

    static func withdrawal(_ key: String, account: Account, state: SandboxState) async -> SandboxReply {
        guard key == "wang" else {
            let reason: JSONValue = key == "li"
                ? ["zh-CN": "您的公积金账户已销户", "en": "Your housing-fund account is closed"]
                : ["zh-CN": "您名下有住房或未结清的公积金贷款，不能办理租房提取", "en": "You own a home or repay a housing-fund loan, so rent withdrawal is not possible"]
            return .ok(["name": .string(account.name), "eligible": false, "balance": SandboxFormat.money(account.balance), "maxAmount": "0.00", "reason": reason])
        }
        let done = await state.wasSubmitted("hpf/withdrawal/\(key)")
        return .ok([
            "name": .string(account.name), "eligible": .bool(!done), "balance": SandboxFormat.money(account.balance),
            "maxAmount": done ? "0.00" : "1500.00", "withdrawnThisYear": done ? "1500.00" : "0.00",
        ])
    }

    static func withdraw(_ key: String, body: JSONValue, state: SandboxState) async -> SandboxReply {
        guard key == "wang" else {
            return .notEligible(zh: "您不符合租房提取条件", en: "You are not eligible for rent withdrawal")
        }
        guard let amount = SandboxFormat.amount(body["amount"]?.stringValue), amount > 0, amount <= 1500 else {
            return .invalid("amount", zh: "提取金额须在0.01至1500.00元之间", en: "The amount must be between 0.01 and 1500.00 yuan")
        }
        guard SandboxFormat.isPhone(body["phone"]?.stringValue) else {
            return .invalid("phone", zh: "请输入11位手机号码", en: "Enter an 11-digit mobile number")
        }
        guard SandboxFormat.isDigits(body["bankAccount"]?.stringValue, lengths: 16...19) else {
            return .invalid("bankAccount", zh: "请输入16至19位银行卡号", en: "Enter a bank card number of 16 to 19 digits")
        }
        guard await state.submitOnce("hpf/withdrawal/\(key)") else {
            return .duplicate(zh: "您本年度已办理租房提取", en: "You have already withdrawn for rent this year")
        }
        return .ok(SandboxFormat.submission(
            await state.nextNumber(prefix: "HPF"), ["amount": SandboxFormat.money(amount), "expectedDays": 3]
        ))
    }
}
