/// One line of `kiosk-emulator scanner`'s standard input: what to do with it.
public enum QRScannerControlLine: Sendable, Equatable {
    /// Send this text as a scan.
    case scan(String)
    /// Nothing to do (an empty line).
    case ignore

    /// `scan TEXT` scans TEXT (which may then start with a space or be a word the CLI might one day take as a
    /// command); any other non-empty line is scanned as it is. A trailing CR (from a CRLF file) is dropped.
    public init(parsing line: String) {
        var text = Substring(line)
        if text.hasSuffix("\r") { text = text.dropLast() }
        if text.hasPrefix("scan ") {
            self = .scan(String(text.dropFirst("scan ".count)))
        } else if text.isEmpty {
            self = .ignore
        } else {
            self = .scan(String(text))
        }
    }
}
