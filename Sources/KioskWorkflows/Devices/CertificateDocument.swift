/// An A4 certificate as a document: what the A4 printer renders (title, rows, tables, verification).
public struct CertificateDocument: Sendable, Equatable {
    /// One label–value line.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// A table with a title, column headers and rows of cells.
    public struct Table: Sendable, Equatable {
        public var title: String
        public var columns: [String]
        public var rows: [[String]]

        public init(title: String, columns: [String], rows: [[String]]) {
            self.title = title
            self.columns = columns
            self.rows = rows
        }
    }

    /// Certificate title, e.g. 不动产权属证明.
    public var title: String
    /// Who issues it, e.g. 自然资源局.
    public var issuer: String
    /// Label–value lines (personal values already masked as the workflow says).
    public var rows: [Row]
    /// Tables (e.g. contributions by month).
    public var tables: [Table]
    /// The code printed for online verification.
    public var verificationCode: String?
    /// The link encoded in the verification QR code.
    public var verificationURL: String?
    /// Kiosk id and time, printed in the footer.
    public var footer: String

    public init(title: String, issuer: String, rows: [Row], tables: [Table], verificationCode: String?, verificationURL: String?, footer: String) {
        self.title = title
        self.issuer = issuer
        self.rows = rows
        self.tables = tables
        self.verificationCode = verificationCode
        self.verificationURL = verificationURL
        self.footer = footer
    }
}
