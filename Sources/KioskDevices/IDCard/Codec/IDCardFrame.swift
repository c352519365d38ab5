/// The GA 467 frame layout, declared once: `AA AA AA 96 69`, a 2-byte big-endian length counting every byte after
/// it (the checksum included), the body, and an XOR checksum of every byte after the preamble but itself.
///
/// A command's body is CMD, Para and data; a response's body is SW1, SW2, SW3 and data.
public enum IDCardFrame {
    /// The five bytes every frame starts with.
    public static let preamble: [UInt8] = [0xAA, 0xAA, 0xAA, 0x96, 0x69]
    /// Preamble and length field: the bytes before the body.
    public static let headerSize = 7
    /// The checksum byte after the body.
    public static let checksumSize = 1
    /// The smallest length field of a command: CMD, Para, checksum.
    public static let minimumCommandLength = 3
    /// The smallest length field of a response: SW1, SW2, SW3, checksum.
    public static let minimumResponseLength = 4
    /// The largest length field accepted. The longest known frame (read with a 1024-byte fingerprint) has 0x090A.
    public static let maximumLength = 0x0A00

    /// XOR of `bytes`: fed the length field and the body, it gives the frame's checksum.
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt8 where Bytes.Element == UInt8 {
        bytes.reduce(0, ^)
    }

    /// The whole frame's size on the wire for a length field of `length`.
    public static func frameSize(length: Int) -> Int {
        5 + 2 + length
    }

    /// Time `byteCount` bytes take on a serial line at `baud`, 10 bits a byte (8N1: start, 8 data, stop).
    public static func wireTime(byteCount: Int, baud: Int) -> Duration {
        guard baud > 0 else { return .zero }
        return .nanoseconds(Int64(byteCount) * 10 * 1_000_000_000 / Int64(baud))
    }
}
