/// One command of the stream a host sends a receipt printer, as the emulator reads it.
public enum ESCPOSStreamCommand: Sendable, Equatable {
    /// Bytes to print (a run of bytes from 0x20 up; GB18030 in Chinese mode).
    case text([UInt8])
    case lineFeed
    case carriageReturn
    /// `ESC @`.
    case initialise
    /// `FS &` (true) or `FS .`.
    case chineseMode(Bool)
    /// `GS ! n`.
    case characterSize(width: Int, height: Int)
    /// `ESC ! n`: bit 3 emphasised, bit 4 double height, bit 5 double width.
    case printMode(UInt8)
    /// `ESC E n` or `ESC G n`.
    case bold(Bool)
    /// `ESC a n`.
    case alignment(UInt8)
    /// `ESC d n`.
    case feedLines(Int)
    /// `GS V m [n]`.
    case cut(partial: Bool)
    /// `GS ( k pL pH 31 fn …`: a QR code function and its parameters.
    case qrCode(function: UInt8, parameters: [UInt8])
    /// `GS a n`.
    case automaticStatusBack(UInt8)
    /// `GS r n`.
    case transmitStatus(UInt8)
    /// `DLE EOT n`, `DLE ENQ n`, `DLE DC4 …` met in command position; acted on when received.
    case realTime([UInt8])
    /// A command the emulator skips (its bytes, up to 8 shown).
    case other([UInt8])
}
