/// Why bytes from the line are not a well-formed GA 467 frame.
///
/// After throwing one, the `ByteBuffer` readers have moved past the bad bytes: the next read finds the next frame.
public enum IDCardCodecError: Error, Sendable, Equatable, Hashable {
    /// The checksum byte does not match the XOR of the length and body: bytes were changed on the line.
    case badChecksum(expected: UInt8, received: UInt8)
    /// The length field is outside what any frame of this kind can have.
    case badLength(Int)
    /// A new frame began before this one's declared length was reached: bytes were lost on the line.
    case truncated(declaredLength: Int, received: Int)
}

extension IDCardCodecError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .badChecksum(let expected, let received):
            "ID-card reader frame with a bad checksum (expected \(hex(expected)), received \(hex(received))): "
                + "line noise or a wrong baud rate; check the cable, its shielding and the profile's serial settings"
        case .badLength(let length):
            "ID-card reader frame with an impossible length \(length) (allowed \(IDCardFrame.minimumCommandLength)…"
                + "\(IDCardFrame.maximumLength)): line noise or a device that does not speak GA 467 on this port"
        case .truncated(let declaredLength, let received):
            "ID-card reader frame cut short (\(received) of \(declaredLength) bytes after the length field before the "
                + "next frame began): bytes were lost; check the cable and the USB-serial adapter"
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }
}
