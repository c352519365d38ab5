/// A command to the SAM module: CMD, Para and (rarely) data.
public struct IDCardCommand: Sendable, Equatable, Hashable {
    /// CMD.
    public var code: UInt8
    /// Para.
    public var parameter: UInt8
    /// Bytes after Para; empty for every command kioskd sends.
    public var data: [UInt8]

    public init(code: UInt8, parameter: UInt8, data: [UInt8] = []) {
        self.code = code
        self.parameter = parameter
        self.data = data
    }

    /// `10 FF`: reset the SAM.
    public static let resetSAM = IDCardCommand(code: 0x10, parameter: 0xFF)
    /// `11 FF`: SAM status (0x90 when the SAM works).
    public static let samStatus = IDCardCommand(code: 0x11, parameter: 0xFF)
    /// `12 FF`: SAM id (16 data bytes).
    public static let samID = IDCardCommand(code: 0x12, parameter: 0xFF)
    /// `20 01`: find card (0x9F and 4 data bytes when one is in the field).
    public static let findCard = IDCardCommand(code: 0x20, parameter: 0x01)
    /// `20 02`: select card (0x90 and 8 data bytes).
    public static let selectCard = IDCardCommand(code: 0x20, parameter: 0x02)
    /// `30 01`: read text and photo.
    public static let readTextAndPhoto = IDCardCommand(code: 0x30, parameter: 0x01)
    /// `30 03`: read the newest appended address.
    public static let readAppendedAddress = IDCardCommand(code: 0x30, parameter: 0x03)
    /// `30 10`: read text, photo and fingerprint.
    public static let readWithFingerprint = IDCardCommand(code: 0x30, parameter: 0x10)

    /// A name for logs (`find card`), or the two bytes for commands kioskd does not send.
    public var name: String {
        switch (code, parameter) {
        case (0x10, 0xFF): "reset SAM"
        case (0x11, 0xFF): "SAM status"
        case (0x12, 0xFF): "SAM id"
        case (0x20, 0x01): "find card"
        case (0x20, 0x02): "select card"
        case (0x30, 0x01): "read text and photo"
        case (0x30, 0x03): "read appended address"
        case (0x30, 0x10): "read text, photo and fingerprint"
        default: "command \(IDCardHex.byte(code)) \(IDCardHex.byte(parameter))"
        }
    }

    /// The length field of this command's frame.
    public var lengthField: Int { 2 + data.count + IDCardFrame.checksumSize }

    /// The size of this command's frame on the wire.
    public var frameSize: Int { IDCardFrame.frameSize(length: lengthField) }
}

extension IDCardCommand: CustomStringConvertible {
    public var description: String { "\(name) (\(IDCardHex.byte(code)) \(IDCardHex.byte(parameter)))" }
}
