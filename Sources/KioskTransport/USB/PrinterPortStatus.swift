/// The one-byte answer to the USB printer class request GET_PORT_STATUS (USB Printer Class 1.1
/// §4.2.2; Linux drivers/usb/class/usblp.c reads it the same way).
///
/// Many receipt printers answer a constant here; trust ESC/POS `DLE EOT` for paper and cover state.
public struct PrinterPortStatus: Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bit 5: paper empty.
    public static let paperEmptyBit: UInt8 = 0x20
    /// Bit 4: selected (online).
    public static let selectedBit: UInt8 = 0x10
    /// Bit 3: not error (set when there is no error).
    public static let notErrorBit: UInt8 = 0x08

    public var paperEmpty: Bool { rawValue & Self.paperEmptyBit != 0 }
    public var selected: Bool { rawValue & Self.selectedBit != 0 }
    public var noError: Bool { rawValue & Self.notErrorBit != 0 }

    /// GET_PORT_STATUS for `interface`: class request 0x01, IN, recipient interface (bmRequestType
    /// 0xA1), wValue 0, wIndex the interface number, 1 byte. (Only GET_DEVICE_ID puts the interface in
    /// the high byte of wIndex.)
    public static func request(interface: UInt8) -> USBControlSetup {
        USBControlSetup(requestType: 0xA1, request: 0x01, value: 0, index: UInt16(interface), length: 1)
    }

    /// "0x18 (selected, no error, paper present)".
    public var description: String {
        let words = [
            selected ? "selected" : "not selected",
            noError ? "no error" : "error",
            paperEmpty ? "paper empty" : "paper present",
        ]
        return "\(USBHex.byte(rawValue)) (\(words.joined(separator: ", ")))"
    }
}
