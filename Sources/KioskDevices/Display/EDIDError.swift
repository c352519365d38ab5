/// Why an EDID block (`/sys/class/drm/cardN-CONNECTOR/edid`) could not be read; each message says what to check.
public enum EDIDError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Fewer than the 128 bytes of the base block.
    case truncated(count: Int)
    /// The first eight bytes are not `00 FF FF FF FF FF FF 00`.
    case badHeader
    /// The 128 bytes do not add up to 0 modulo 256.
    case badChecksum(sum: UInt8)

    public var description: String {
        switch self {
        case .truncated(let count):
            "EDID has \(count) bytes, not the 128 of a base block — the monitor answered DDC only in part; check the display cable"
        case .badHeader:
            "EDID does not start with the fixed header 00 FF FF FF FF FF FF 00 — not an EDID block; check the display cable (DDC lines)"
        case .badChecksum(let sum):
            "EDID checksum fails (bytes add up to \(sum), not 0 modulo 256) — corrupted on the DDC lines or in the monitor; reseat the display cable"
        }
    }
}
