/// The SAM module's id (`12 FF`): 16 data bytes, shown as `05.01-20240101-0001234567-0987654321`.
///
/// Layout as HslCommunication's `SAMSerial.ExtractSafeModuleNumber` reads it: byte 0 and byte 2 as two-digit numbers,
/// then three little-endian 32-bit numbers at 4, 8 and 12 (the first usually a date). (unverified against a device;
/// HslCommunication pads the last two to 9 digits, vendor tools show 10: kioskd shows 10, as a UInt32 needs.)
public enum SAMIdentifier {
    /// The data size of a SAM id response.
    public static let size = 16

    /// The formatted id, or a typed error when the data is shorter than 16 bytes.
    public static func format(_ data: [UInt8]) throws(IDCardDataError) -> String {
        guard data.count >= size else { throw .tooShort(what: "SAM id", expected: size, received: data.count) }
        func uint32(at offset: Int) -> UInt32 {
            (0..<4).reduce(UInt32(0)) { $0 | UInt32(data[offset + $1]) << (8 * UInt32($1)) }
        }
        func pad(_ value: some BinaryInteger, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(data[0], 2)).\(pad(data[2], 2))-\(pad(uint32(at: 4), 8))-\(pad(uint32(at: 8), 10))-\(pad(uint32(at: 12), 10))"
    }

    /// The 16 bytes for the parts of an id (for emulators and tests).
    public static func bytes(major: UInt8, minor: UInt8, date: UInt32, batch: UInt32, serial: UInt32) -> [UInt8] {
        func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }
        return [major, 0, minor, 0] + littleEndian(date) + littleEndian(batch) + littleEndian(serial)
    }
}
