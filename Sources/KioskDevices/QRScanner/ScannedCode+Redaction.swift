extension ScannedCode: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The code for logs: its kind and length, and for a link its scheme and host; never the text itself.
    ///
    /// `case number (12 chars)`, `URL https://zw.example.gov.cn/… (87 chars)`, `medical e-voucher (62 chars, redacted)`.
    public var redacted: String {
        switch kind {
        case .medicalVoucher, .other:
            return "\(kind.label) (\(length) chars, redacted)"
        case .caseNumber:
            return "\(kind.label) (\(length) chars)"
        case .url:
            return "\(kind.label) \(origin)/… (\(length) chars)"
        }
    }

    /// The code for people: the text of a case number, a link without its query or user name, and `redacted` for secrets.
    public var description: String {
        switch kind {
        case .medicalVoucher, .other:
            return redacted
        case .caseNumber:
            return "\(kind.label) \(text)"
        case .url:
            let rest = Self.stripScheme(text) ?? ""
            let path = rest.drop { $0 != "/" && $0 != "?" && $0 != "#" }.prefix { $0 != "?" && $0 != "#" }
            let dropped = rest.contains("?") || rest.contains("#") ? "?…" : ""
            return "\(kind.label) \(origin)\(path)\(dropped) (\(length) chars)"
        }
    }

    /// The same as `description`, so that `String(reflecting:)` and `#expect` messages stay redacted.
    public var debugDescription: String { description }

    /// What `dump` and debuggers show: the kind and the length, never the text.
    public var customMirror: Mirror {
        Mirror(self, children: ["kind": kind, "length": length, "redacted": redacted], displayStyle: .struct)
    }

    /// `https://host` of a link, lower-cased scheme; the host as written.
    private var origin: String {
        guard let rest = Self.stripScheme(text) else { return "" }
        let scheme = text.lowercased().hasPrefix("https://") ? "https://" : "http://"
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        // user:password@ before the host is never shown.
        let host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        return scheme + host
    }
}
