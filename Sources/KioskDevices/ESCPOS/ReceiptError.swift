/// Why a receipt cannot be turned into ESC/POS. Nothing was sent.
public enum ReceiptError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A QR code with no payload (the printer would print nothing).
    case emptyQRPayload
    /// A QR payload longer than a version-40 symbol holds at its error correction level.
    case qrPayloadTooLong(bytes: Int, maximum: Int, level: QRErrorCorrection)
    /// A QR module size outside 1…16 dots.
    case qrModuleSizeOutOfRange(Int)
    /// A QR payload holding a real-time command (`DLE ENQ`, `DLE DC4`, or `DLE EOT` other than 1…4)
    /// that the printer would act on in the middle of the job (clear its buffer, power off…).
    case realTimeCommandInQRPayload(offset: Int)
    /// A text size outside 1…8.
    case textSizeOutOfRange(TextSize)
    /// A feed of more than 255 or fewer than 0 lines.
    case feedOutOfRange(Int)
    /// glibc has no GB18030 converter (its gconv modules are missing).
    case gb18030Unavailable

    public var description: String {
        switch self {
        case .emptyQRPayload:
            "the receipt has a QR code with an empty payload: give it the text or URL to encode"
        case .qrPayloadTooLong(let bytes, let maximum, let level):
            "the QR payload is \(bytes) bytes; a QR code at error correction \(level) holds at most \(maximum): shorten it or lower the level"
        case .qrModuleSizeOutOfRange(let size):
            "QR module size \(size) is outside 1…16 dots"
        case .realTimeCommandInQRPayload(let offset):
            "the QR payload holds a printer real-time command (0x10 0x05, 0x10 0x14 or 0x10 0x04 n) at byte \(offset), which the printer would execute mid-job: encode the payload (e.g. base64) first"
        case .textSizeOutOfRange(let size):
            "text size \(size.width)×\(size.height) is outside 1…8"
        case .feedOutOfRange(let lines):
            "a feed of \(lines) lines is outside 0…255"
        case .gb18030Unavailable:
            "glibc's GB18030 converter is missing (gconv module GB18030.so): install the libc6 package's gconv modules"
        }
    }
}
