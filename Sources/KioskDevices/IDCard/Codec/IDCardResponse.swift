/// A response from the SAM module: SW1 SW2 SW3 and data.
///
/// The data of a card read is a citizen's personal data: the description shows only its size.
public struct IDCardResponse: Sendable, Equatable, Hashable {
    /// SW1, normally 0x00.
    public var sw1: UInt8
    /// SW2, normally 0x00.
    public var sw2: UInt8
    /// SW3, the status.
    public var status: IDCardStatus
    /// The bytes after SW3.
    public var data: [UInt8]

    public init(sw1: UInt8 = 0, sw2: UInt8 = 0, status: IDCardStatus, data: [UInt8] = []) {
        self.sw1 = sw1
        self.sw2 = sw2
        self.status = status
        self.data = data
    }

    /// The length field of this response's frame.
    public var lengthField: Int { 3 + data.count + IDCardFrame.checksumSize }

    /// The size of this response's frame on the wire.
    public var frameSize: Int { IDCardFrame.frameSize(length: lengthField) }
}

extension IDCardResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `SW 00 00 90 (0x90 success), 1285 data bytes`: never the data itself.
    public var description: String {
        "SW \(IDCardHex.byte(sw1)) \(IDCardHex.byte(sw2)) \(IDCardHex.byte(status.byte)) (\(status)), \(data.count) data bytes"
    }

    public var debugDescription: String { "IDCardResponse(\(description))" }

    /// Status and data size only, so that `dump` and test failure messages cannot show a card's data.
    public var customMirror: Mirror {
        Mirror(self, children: ["sw1": sw1, "sw2": sw2, "status": status, "dataBytes": data.count], displayStyle: .struct)
    }
}
