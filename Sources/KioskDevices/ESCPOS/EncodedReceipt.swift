/// A receipt as ESC/POS bytes, with what the encoding had to change and what printing it will use.
public struct EncodedReceipt: Sendable, Equatable {
    /// Everything to send, from `ESC @` to the last cut.
    public var bytes: [UInt8]
    /// Characters printed as the replacement marker ("〓", or "?" outside Chinese mode): characters
    /// with no 2-byte GB18030 code (rare name characters such as 𠀀, emoji) and control characters.
    public var replacedCharacters: Int
    /// Printed lines, wrapped lines and fed lines included.
    public var printedLines: Int
    /// Cuts.
    public var cuts: Int
    /// Paper the receipt uses, estimated from its lines, feeds, QR codes and cuts (README "Codec").
    public var paperMillimetres: Double
    /// `DLE EOT n` sequences inside the data (a QR payload, a length byte), each of which the
    /// printer answers with a status byte nobody asked for.
    public var embeddedStatusRequests: Int

    public init(bytes: [UInt8], replacedCharacters: Int, printedLines: Int, cuts: Int, paperMillimetres: Double, embeddedStatusRequests: Int) {
        self.bytes = bytes
        self.replacedCharacters = replacedCharacters
        self.printedLines = printedLines
        self.cuts = cuts
        self.paperMillimetres = paperMillimetres
        self.embeddedStatusRequests = embeddedStatusRequests
    }
}
