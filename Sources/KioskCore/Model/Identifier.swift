/// Rules for the ids used in configuration, labels and metrics: lower-case ASCII, digits and dashes.
public enum Identifier {
    /// True for 1–63 characters of `a-z`, `0-9`, `-` and `.`, starting with a letter or digit.
    public static func isValid(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.unicodeScalars.count <= 63 else { return false }
        let allowed: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." }
        return allowed(first) && first != "-" && first != "." && text.unicodeScalars.allSatisfy(allowed)
    }

    /// How a valid id looks, for error messages.
    public static let expected = "an id of lower-case letters, digits, '-' and '.' (1–63 characters)"
}
