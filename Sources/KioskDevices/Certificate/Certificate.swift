import Foundation

/// One A4 certificate a department issues to a citizen at the kiosk (缴费证明, 有房/无房证明, 缴存证明, 结清证明).
///
/// It carries the citizen's own data, printed for them: it is rendered and sent to CUPS from
/// memory and never logged (`description` and the mirror are masked).
public struct Certificate: Sendable, Equatable {
    /// What the certificate certifies.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// 缴费证明 (social insurance contributions paid).
        case paymentProof = "payment-proof"
        /// 有房证明 (owns housing).
        case housingOwned = "housing-owned"
        /// 无房证明 (owns no housing).
        case housingNone = "housing-none"
        /// 缴存证明 (housing provident fund deposits).
        case depositProof = "deposit-proof"
        /// 结清证明 (loan settled).
        case settlementProof = "settlement-proof"

        /// The printed title when the department gives none.
        public var defaultTitle: String {
            switch self {
            case .paymentProof: "缴费证明"
            case .housingOwned: "有房证明"
            case .housingNone: "无房证明"
            case .depositProof: "缴存证明"
            case .settlementProof: "结清证明"
            }
        }
    }

    /// The citizen the certificate is about, masked or in full as the department gives it.
    public struct Holder: Sendable, Equatable {
        public var name: String
        /// ID number, often masked by the department (`1101**********0019`); nil to leave it out.
        public var idNumber: String?

        public init(name: String, idNumber: String? = nil) {
            self.name = name
            self.idNumber = idNumber
        }
    }

    /// A table of the certificate (contribution months, deposit years…).
    public struct Table: Sendable, Equatable {
        public var caption: String?
        public var columns: [String]
        public var rows: [[String]]

        public init(caption: String? = nil, columns: [String], rows: [[String]]) {
            self.caption = caption
            self.columns = columns
            self.rows = rows
        }
    }

    public var kind: Kind
    public var title: String
    /// The issuing department (`某市住房公积金管理中心`).
    public var issuer: String
    public var holder: Holder
    /// Paragraphs of text under the holder line.
    public var paragraphs: [String]
    /// Label-value lines (`缴存状态: 正常`).
    public var rows: [(label: String, value: String)]
    public var tables: [Table]
    /// The kiosk that printed it.
    public var kioskID: String
    /// The issue date as printed (`2026年12月01日`).
    public var issuedOn: String
    /// The code that checks the certificate online.
    public var verificationCode: String
    /// What the QR code holds (a verification URL).
    public var qrPayload: String

    public init(
        kind: Kind, title: String? = nil, issuer: String, holder: Holder, paragraphs: [String] = [],
        rows: [(label: String, value: String)] = [], tables: [Table] = [], kioskID: String, issuedOn: String,
        verificationCode: String, qrPayload: String
    ) {
        self.kind = kind
        self.title = title ?? kind.defaultTitle
        self.issuer = issuer
        self.holder = holder
        self.paragraphs = paragraphs
        self.rows = rows
        self.tables = tables
        self.kioskID = kioskID
        self.issuedOn = issuedOn
        self.verificationCode = verificationCode
        self.qrPayload = qrPayload
    }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        lhs.kind == rhs.kind && lhs.title == rhs.title && lhs.issuer == rhs.issuer && lhs.holder == rhs.holder
            && lhs.paragraphs == rhs.paragraphs && lhs.rows.map(\.label) == rhs.rows.map(\.label) && lhs.rows.map(\.value) == rhs.rows.map(\.value)
            && lhs.tables == rhs.tables && lhs.kioskID == rhs.kioskID && lhs.issuedOn == rhs.issuedOn
            && lhs.verificationCode == rhs.verificationCode && lhs.qrPayload == rhs.qrPayload
    }

    /// Checks what would make a broken certificate: no verification code, ragged tables, an empty QR payload.
    public func validate() throws(CertificateError) {
        if verificationCode.trimmingCharacters(in: .whitespaces).isEmpty { throw .missingVerificationCode }
        if qrPayload.isEmpty { throw .missingQRPayload }
        if title.isEmpty { throw .missingTitle }
        for (index, table) in tables.enumerated() {
            if table.columns.isEmpty { throw .emptyTable(index: index) }
            if let row = table.rows.firstIndex(where: { $0.count != table.columns.count }) {
                throw .raggedTable(index: index, row: row, expected: table.columns.count, found: table.rows[row].count)
            }
        }
    }
}
