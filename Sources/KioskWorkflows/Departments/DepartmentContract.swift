import KioskCore

/// Every operation of docs/departments.md, so the client knows each one's kind and response shape.
public enum DepartmentContract {
    /// The operation `name` of `department`, nil when the contract does not list it.
    public static func operation(_ department: Department, _ name: String) -> DepartmentOperation? {
        table[department]?[name]
    }

    /// All operations, by department and name.
    public static let table: [Department: [String: DepartmentOperation]] = {
        var table: [Department: [String: DepartmentOperation]] = [:]
        for operation in all { table[operation.department, default: [:]][operation.name] = operation }
        return table
    }()

    /// The payment object (`<service>.pay`, `payments.status`).
    public static let payment: ResponseShape = [
        "paymentId": .string, "status": .string, "amount": .string, "qr": .string, "expiresAt": .string,
    ]
    /// What every submission answers.
    public static let submission: ResponseShape = ["caseNumber": .string, "submittedAt": .string]
    /// The certificate object of A4 services.
    public static let certificate: ResponseShape = [
        "certificate.verificationCode": .string, "certificate.verificationUrl": .string,
        "certificate.issuedAt": .string, "certificate.title": .object,
    ]

    static let all: [DepartmentOperation] = [
        // hrss
        .init(.hrss, "enrollment.query", .query, ["name": .string, "insuredRegion": .string, "totalMonths": .number, "insurances": .array]),
        .init(.hrss, "contributions.years", .query, ["name": .string, "years": .array]),
        .init(.hrss, "contributions.query", .query, ([
            "name": .string, "records": .array, "totals.months": .number, "totals.personalAmount": .string,
            "totals.unitAmount": .string,
        ] as ResponseShape).adding(certificate)),
        .init(.hrss, "pension-certification.query", .query, ["name": .string, "due": .bool]),
        .init(.hrss, "pension-certification.submit", .submit, submission.adding(["certifiedUntil": .string])),
        .init(.hrss, "card-status.query", .query, ["name": .string, "status": .string]),
        .init(.hrss, "card-status.submit", .submit, submission),
        .init(.hrss, "resident-pension-payment.query", .query, ["name": .string, "year": .number, "paid": .bool, "grades": .array]),
        .init(.hrss, "resident-pension-payment.pay", .pay, payment),
        .init(.hrss, "payments.status", .query, payment),
        .init(.hrss, "unemployment-benefit.query", .query, ["name": .string, "eligible": .bool]),
        .init(.hrss, "unemployment-benefit.submit", .submit, submission),
        // mi
        .init(.mi, "enrollment.query", .query, ["name": .string, "insuredRegion": .string, "category": .string, "status": .string]),
        .init(.mi, "account.query", .query, [
            "name": .string, "balance": .string, "yearIncome": .string, "yearExpense": .string, "transactions": .array,
        ]),
        .init(.mi, "resident-payment.query", .query, ["name": .string, "year": .number, "amount": .string, "paid": .bool]),
        .init(.mi, "resident-payment.pay", .pay, payment),
        .init(.mi, "payments.status", .query, payment),
        .init(.mi, "cross-region-filing.submit", .submit, submission.adding(["validFrom": .string, "validUntil": .string])),
        .init(.mi, "reimbursement-progress.query", .query, ["name": .string, "claims": .array]),
        // nr
        .init(.nr, "ownership-certificate.query", .query, (["name": .string, "owns": .bool, "properties": .array] as ResponseShape).adding(certificate)),
        .init(.nr, "registration-progress.query", .query, ["caseNumber": .string, "kind": .string, "status": .string, "steps": .array]),
        .init(.nr, "encumbrance.query", .query, ["name": .string, "properties": .array]),
        .init(.nr, "registration-records.query", .query, (["name": .string, "properties": .array] as ResponseShape).adding(certificate)),
        .init(.nr, "certificate-verification.query", .query, ["certificateNumber": .string, "genuine": .bool]),
        // hpf
        .init(.hpf, "account.query", .query, [
            "name": .string, "accountNumber": .string, "status": .string, "balance": .string, "deposits": .array,
        ]),
        .init(.hpf, "deposit-certificate.query", .query, ([
            "name": .string, "accountNumber": .string, "status": .string, "balance": .string, "continuousMonths": .number,
        ] as ResponseShape).adding(certificate)),
        .init(.hpf, "loan.query", .query, ["name": .string, "loans": .array]),
        .init(.hpf, "withdrawal.query", .query, ["name": .string, "eligible": .bool, "maxAmount": .string]),
        .init(.hpf, "withdrawal.submit", .submit, submission),
        .init(.hpf, "loan-settlement-certificate.query", .query, (["name": .string, "loans": .array] as ResponseShape).adding(certificate)),
    ]
}
