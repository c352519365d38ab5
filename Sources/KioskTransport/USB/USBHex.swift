/// Formatting of USB numbers the way lsusb, udev rules and the device profiles write them.
enum USBHex {
    /// Four lower-case hex digits: 0x0416 → "0416".
    static func word(_ value: UInt16) -> String { padded(String(value, radix: 16), width: 4) }

    /// "0x" and two hex digits: 0x82 → "0x82".
    static func byte(_ value: UInt8) -> String { "0x" + padded(String(value, radix: 16), width: 2) }

    /// Zero-padded decimal: (2, 3) → "002".
    static func decimal(_ value: some BinaryInteger, width: Int) -> String { padded(String(value), width: width) }

    /// Upper-case hex digits of each byte, without separators: [0x1B, 0x40] → "1B40".
    static func bytes(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { padded(String($0, radix: 16, uppercase: true), width: 2) }.joined()
    }

    private static func padded(_ digits: String, width: Int) -> String {
        String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
