extension ScannedCode.Kind {
    /// The longest text taken as a case number; longer tokens are taken as e-vouchers.
    static let longestCaseNumber = 32
    /// The shortest opaque token taken as a medical e-voucher.
    static let shortestVoucher = 33

    /// Guesses a code's kind from its text.
    ///
    /// The e-voucher's format is not public (PROTOCOLS.md §4), so any long token in a URL-safe or base64 alphabet
    /// that is not a link is taken as one. Text of no known shape becomes `.other`, which is redacted just the same.
    public init(guessingFrom text: String) {
        if Self.isLink(text) {
            self = .url
        } else if Self.isCaseNumber(text) {
            self = .caseNumber
        } else if Self.isOpaqueToken(text) {
            self = .medicalVoucher
        } else {
            self = .other
        }
    }

    /// `http://` or `https://` followed by a host, with no spaces or control characters.
    static func isLink(_ text: String) -> Bool {
        guard let rest = ScannedCode.stripScheme(text) else { return false }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F }
    }

    /// 4 to 32 ASCII letters, digits and dashes, with at least one digit, not starting or ending with a dash.
    static func isCaseNumber(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard (4...longestCaseNumber).contains(scalars.count), scalars.first != "-", scalars.last != "-" else { return false }
        return scalars.allSatisfy { isASCIIAlphanumeric($0) || $0 == "-" } && scalars.contains { ("0"..."9").contains($0) }
    }

    /// 33 or more characters of a token alphabet: letters, digits and `+/=_-.:*`.
    static func isOpaqueToken(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard scalars.count >= shortestVoucher else { return false }
        return scalars.allSatisfy { isASCIIAlphanumeric($0) || "+/=_-.:*".unicodeScalars.contains($0) }
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
    }
}

extension ScannedCode {
    /// The text after `http://` or `https://` (any case), or nil when it starts with neither.
    static func stripScheme(_ text: String) -> Substring? {
        for scheme in ["https://", "http://"] where text.lowercased().hasPrefix(scheme) {
            return text.dropFirst(scheme.count)
        }
        return nil
    }
}
