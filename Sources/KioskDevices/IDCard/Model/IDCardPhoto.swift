/// The card's photo as stored: 1024 bytes of WLT, an encrypted format only a licensed vendor decoder turns into a
/// picture. kioskd keeps it raw and never decodes it.
public struct IDCardPhoto: Sendable, Equatable, Hashable {
    /// The format of `bytes`; always WLT on a resident ID card.
    public enum Format: String, Sendable, Equatable, Hashable {
        case wlt = "WLT"
    }

    public var format: Format
    public var bytes: [UInt8]

    public init(format: Format = .wlt, bytes: [UInt8]) {
        self.format = format
        self.bytes = bytes
    }
}

extension IDCardPhoto: CustomStringConvertible, CustomDebugStringConvertible {
    /// `WLT photo, 1024 bytes`: never the bytes.
    public var description: String { "\(format.rawValue) photo, \(bytes.count) bytes" }
    public var debugDescription: String { "IDCardPhoto(\(description))" }
}
