/// The bytes that end each code on a serial scanner's line: the profile's `terminator` parameter.
public enum QRScannerTerminator: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// Carriage return, 0x0D.
    case cr
    /// Line feed, 0x0A.
    case lf
    /// Carriage return and line feed, 0x0D 0x0A.
    case crlf

    /// The bytes on the wire.
    public var bytes: [UInt8] {
        switch self {
        case .cr: [0x0D]
        case .lf: [0x0A]
        case .crlf: [0x0D, 0x0A]
        }
    }
}
