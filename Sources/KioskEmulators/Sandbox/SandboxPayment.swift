import KioskCore

/// A payment a sandbox department created, waiting for the citizen's phone.
public struct SandboxPayment: Sendable, Equatable {
    /// Where a payment stands.
    public enum Status: String, Sendable, Equatable {
        case waiting, paid, expired
    }

    /// The payment id (`HRSS-P-000001`).
    public var id: String
    /// What it pays for (`mi/resident-payment/ouyang`), to answer "already paid this year".
    public var purpose: String
    /// Amount in yuan, two decimals.
    public var amount: String
    /// When it was created.
    public var createdAt: ContinuousClock.Instant
    /// Wall-clock text of its expiry.
    public var expiresAtText: String
    /// Its status.
    public var status: Status
    /// Wall-clock text of when it was paid.
    public var paidAtText: String?
    /// The receipt number once paid.
    public var receiptNumber: String?

    /// The payment object of docs/departments.md.
    public var json: JSONValue {
        [
            "paymentId": .string(id), "status": .string(status.rawValue), "amount": .string(amount),
            "qr": .string("https://pay.example.gov.cn/q/\(id)"), "expiresAt": .string(expiresAtText),
            "paidAt": paidAtText.map(JSONValue.string) ?? .null,
            "receiptNumber": receiptNumber.map(JSONValue.string) ?? .null,
        ]
    }
}
