/// One code read by a QR scanner: the string it carried and a guess at what it is.
///
/// The text may be a secret (a medical-insurance e-voucher is an opaque, short-lived token that must never be
/// logged, PROTOCOLS.md §4). `description`, `debugDescription`, `dump` and `redacted` never show the text of a
/// code whose kind is secret, so string interpolation into a log line is safe; only `text` gives it out.
public struct ScannedCode: Sendable, Equatable, Hashable {
    /// What a code looks like it is. A guess from its shape: a workflow that asks for one kind may take any code.
    public enum Kind: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
        /// A medical-insurance electronic voucher (医保电子凭证): an opaque secret, decoded online only.
        case medicalVoucher = "medical-voucher"
        /// An http(s) link, such as a certificate's verification link.
        case url
        /// A case or receipt number: ASCII letters and digits, possibly with dashes.
        case caseNumber = "case-number"
        /// Anything else; treated as a secret, since nothing is known about it.
        case other
    }

    /// The scanned string. May be a secret: hand it on, never log or print it.
    public let text: String
    /// What the code looks like it is.
    public let kind: Kind

    /// A code whose kind is guessed from `text`.
    public init(text: String) {
        self.init(text: text, kind: Kind(guessingFrom: text))
    }

    /// A code of a known kind (e.g. when a workflow knows it asked for an e-voucher).
    public init(text: String, kind: Kind) {
        self.text = text
        self.kind = kind
    }

    /// True when the text must not be shown or logged: e-vouchers, and codes of unknown shape.
    public var isSecret: Bool { kind.isSecret }

    /// The length in characters.
    public var length: Int { text.count }
}

extension ScannedCode.Kind {
    /// True for kinds whose text must not be shown or logged.
    public var isSecret: Bool {
        switch self {
        case .medicalVoucher, .other: true
        case .url, .caseNumber: false
        }
    }

    /// The kind's name in words, for maintainers.
    public var label: String {
        switch self {
        case .medicalVoucher: "medical e-voucher"
        case .url: "URL"
        case .caseNumber: "case number"
        case .other: "other code"
        }
    }
}
