/// What a scanner's sequence yields: a code, or a code it rejected (after which it goes on reading).
public enum QRScannerEvent: Sendable, Equatable, Hashable {
    /// A code was read.
    case scanned(ScannedCode)
    /// A code was read but dropped: too long, not text, cut short. The error never holds its bytes.
    case rejected(QRScannerError)

    /// The code, when one was read.
    public var code: ScannedCode? {
        if case .scanned(let code) = self { return code }
        return nil
    }
}

extension QRScannerEvent: CustomStringConvertible {
    /// Redacted like `ScannedCode.description`.
    public var description: String {
        switch self {
        case .scanned(let code): "scanned \(code)"
        case .rejected(let error): "rejected: \(error)"
        }
    }
}
