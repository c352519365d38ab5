/// Turns a `Receipt` into ESC/POS bytes for one printer: pure, no I/O.
///
/// Text goes out in Chinese mode (`FS &`) as GB18030. A character with no 2-byte GB18030 code (a
/// 4-byte code: CJK extension B such as 𠀀, emoji), and any control character, is printed as the
/// marker "〓" (U+3013, GB18030 `A1 FE`) and counted in `EncodedReceipt.replacedCharacters`, so the
/// caller can tell the citizen or fall back to another channel.
public struct ReceiptEncoder: Sendable {
    public var paperWidth: PaperWidth
    /// Whether the printer is put in Chinese mode; without it, non-ASCII characters become "?".
    public var chineseMode: Bool
    /// Blank lines fed before a `.feedToCutter` cut.
    public var feedLinesBeforeCut: Int

    /// The marker printed for a character the printer cannot print, in Chinese mode.
    public static let replacementMarker: Character = "\u{3013}"
    /// "〓" in GB18030.
    public static let replacementMarkerBytes: [UInt8] = [0xA1, 0xFE]

    // The paper model of the estimate (README "Codec"): 203 dpi heads, 8 dots a millimetre.
    static let dotsPerMillimetre = 8.0
    /// The default line spacing, 1/6 inch.
    static let lineSpacingMillimetres = 25.4 / 6
    /// Print head to cutter, fed by `GS V 66`.
    static let headToCutterMillimetres = 12.0

    public init(paperWidth: PaperWidth = .mm80, chineseMode: Bool = true, feedLinesBeforeCut: Int = 0) {
        self.paperWidth = paperWidth
        self.chineseMode = chineseMode
        self.feedLinesBeforeCut = feedLinesBeforeCut
    }

    public func encode(_ receipt: Receipt) throws(ReceiptError) -> EncodedReceipt {
        var writer = try Writer(encoder: self)
        for element in receipt.elements {
            try writer.append(element)
        }
        return writer.finish()
    }

    /// The height of one line of text `height` times magnified.
    static func lineMillimetres(height: Int) -> Double {
        max(lineSpacingMillimetres, Double(24 * height + 6) / dotsPerMillimetre)
    }

    /// The problem with `payload` as QR data, if it has one.
    static func check(_ code: QRCode) -> ReceiptError? {
        guard !code.payload.isEmpty else { return .emptyQRPayload }
        guard (1...16).contains(code.moduleSize) else { return .qrModuleSizeOutOfRange(code.moduleSize) }
        let maximum = QRCapacity.maximumBytes(code.errorCorrection)
        guard code.payload.count <= maximum else {
            return .qrPayloadTooLong(bytes: code.payload.count, maximum: maximum, level: code.errorCorrection)
        }
        let payload = code.payload
        for index in payload.indices where payload[index] == ESCPOSCommand.dataLinkEscape && index + 1 < payload.count {
            switch payload[index + 1] {
            case ESCPOSCommand.enquiry, ESCPOSCommand.deviceControl4:
                return .realTimeCommandInQRPayload(offset: index)
            case ESCPOSCommand.endOfTransmission:
                if index + 2 >= payload.count || StatusRequest(rawValue: payload[index + 2]) == nil {
                    return .realTimeCommandInQRPayload(offset: index)
                }
            default:
                continue
            }
        }
        return nil
    }
}

extension ReceiptEncoder {
    /// One encoding pass: the bytes so far, the printer modes they set, and the counts.
    private struct Writer {
        let encoder: ReceiptEncoder
        let converter: GB18030?
        var bytes: [UInt8] = []
        var size = TextSize.normal
        var bold = false
        var alignment = TextAlignment.left
        var replaced = 0
        var lines = 0
        var cuts = 0
        var paper = 0.0

        init(encoder: ReceiptEncoder) throws(ReceiptError) {
            self.encoder = encoder
            if encoder.chineseMode {
                guard let converter = GB18030.encoder() else { throw .gb18030Unavailable }
                self.converter = converter
            } else {
                converter = nil
            }
            bytes.reserveCapacity(4096)
            bytes += ESCPOSCommand.initialise
            if encoder.chineseMode { bytes += ESCPOSCommand.chineseModeOn }
        }

        mutating func append(_ element: ReceiptElement) throws(ReceiptError) {
            switch element {
            case .text(let text, let style):
                guard (1...8).contains(style.size.width), (1...8).contains(style.size.height) else {
                    throw .textSizeOutOfRange(style.size)
                }
                apply(size: style.size, bold: style.bold, alignment: style.alignment)
                write(text, style: style)
            case .separator(let character):
                apply(size: .normal, bold: false, alignment: .left)
                let (encoded, columns) = encode(character)
                bytes += Array([[UInt8]](repeating: encoded, count: encoder.paperWidth.columns / max(columns, 1)).joined())
                bytes.append(ESCPOSCommand.lineFeed)
                lines += 1
                paper += ReceiptEncoder.lineMillimetres(height: 1)
            case .qrCode(let code):
                if let problem = ReceiptEncoder.check(code) { throw problem }
                apply(size: size, bold: bold, alignment: code.alignment)
                bytes += ESCPOSCommand.qrModel2
                bytes += ESCPOSCommand.qrModuleSize(UInt8(code.moduleSize))
                bytes += ESCPOSCommand.qrErrorCorrection(code.errorCorrection)
                bytes += ESCPOSCommand.qrStore(code.payload)
                bytes += ESCPOSCommand.qrPrint
                let version = QRCapacity.version(forBytes: code.payload.count, level: code.errorCorrection) ?? 40
                paper += Double(QRCapacity.modules(version: version) * code.moduleSize) / ReceiptEncoder.dotsPerMillimetre
            case .feed(let count):
                guard (0...255).contains(count) else { throw .feedOutOfRange(count) }
                feed(count)
            case .cut(let style):
                switch style {
                case .feedToCutter:
                    if encoder.feedLinesBeforeCut > 0 { feed(min(encoder.feedLinesBeforeCut, 255)) }
                    bytes += ESCPOSCommand.feedAndPartialCut(dots: 0)
                    paper += ReceiptEncoder.headToCutterMillimetres
                case .here:
                    bytes += ESCPOSCommand.partialCut
                }
                cuts += 1
            }
        }

        mutating func finish() -> EncodedReceipt {
            if encoder.chineseMode { bytes += ESCPOSCommand.chineseModeOff }
            return EncodedReceipt(
                bytes: bytes, replacedCharacters: replaced, printedLines: lines, cuts: cuts,
                paperMillimetres: paper, embeddedStatusRequests: ESCPOSCommand.embeddedStatusRequests(in: bytes))
        }

        private mutating func feed(_ count: Int) {
            bytes += ESCPOSCommand.feed(lines: UInt8(count))
            lines += count
            paper += Double(count) * ReceiptEncoder.lineMillimetres(height: 1)
        }

        /// Sends only the modes that change.
        private mutating func apply(size: TextSize, bold: Bool, alignment: TextAlignment) {
            if size != self.size { bytes += ESCPOSCommand.characterSize(size) }
            if bold != self.bold { bytes += ESCPOSCommand.bold(bold) }
            if alignment != self.alignment { bytes += ESCPOSCommand.alignment(alignment) }
            (self.size, self.bold, self.alignment) = (size, bold, alignment)
        }

        /// Writes `text`, a line feed after each line (LF, CR, CR LF, VT, FF, NEL, LS and PS end one).
        ///
        /// ASCII goes straight out; each run of other characters goes through iconv at once, and only
        /// a run with a character that has no 2-byte code is done again character by character.
        private mutating func write(_ text: String, style: TextStyle) {
            let utf8 = Array(text.utf8)
            var columns = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0x0A, 0x0B, 0x0C:
                    endLine(&columns, style)
                    index += 1
                case 0x0D:
                    endLine(&columns, style)
                    index += index + 1 < utf8.count && utf8[index + 1] == 0x0A ? 2 : 1
                case 0x09:
                    bytes.append(0x20)
                    columns += 1
                    index += 1
                case 0x20..<0x7F:
                    bytes.append(byte)
                    columns += 1
                    index += 1
                case 0x80...:
                    var end = index
                    var separator = 0
                    while end < utf8.count, utf8[end] >= 0x80 {
                        separator = Self.lineSeparatorLength(utf8, at: end)
                        if separator > 0 { break }
                        end += 1
                    }
                    columns += write(run: utf8[index..<end])
                    index = end
                    if separator > 0 {
                        endLine(&columns, style)
                        index += separator
                    }
                default:
                    let marker = replacement()
                    bytes += marker.bytes
                    columns += marker.columns
                    index += 1
                }
            }
            endLine(&columns, style)
        }

        /// The length of the Unicode line separator (NEL C2 85, LS E2 80 A8, PS E2 80 A9) at `index`, or 0.
        private static func lineSeparatorLength(_ utf8: [UInt8], at index: Int) -> Int {
            if utf8[index] == 0xC2, index + 1 < utf8.count, utf8[index + 1] == 0x85 { return 2 }
            if utf8[index] == 0xE2, index + 2 < utf8.count, utf8[index + 1] == 0x80, utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9 {
                return 3
            }
            return 0
        }

        /// Ends a line of `columns` columns: line feed, line and paper counts.
        private mutating func endLine(_ columns: inout Int, _ style: TextStyle) {
            bytes.append(ESCPOSCommand.lineFeed)
            let printed = max(1, (columns * style.size.width + encoder.paperWidth.columns - 1) / encoder.paperWidth.columns)
            lines += printed
            paper += Double(printed) * ReceiptEncoder.lineMillimetres(height: style.size.height)
            columns = 0
        }

        /// Writes a run of non-ASCII UTF-8; returns its columns.
        private mutating func write(run: ArraySlice<UInt8>) -> Int {
            if let converter, let encoded = converter.encodePrintable(run) {
                bytes += encoded
                return encoded.count  // two bytes, two columns
            }
            var columns = 0
            for character in String(decoding: run, as: UTF8.self) {
                let (encoded, width) = encode(character)
                bytes += encoded
                columns += width
            }
            return columns
        }

        /// One character's bytes and columns; counts a replacement.
        private mutating func encode(_ character: Character) -> (bytes: [UInt8], columns: Int) {
            if let ascii = character.asciiValue, character.unicodeScalars.count == 1 {
                switch ascii {
                case 0x20..<0x7F: return ([ascii], 1)
                case 0x09: return ([0x20], 1)
                default: return replacement()
                }
            }
            guard let converter else { return replacement() }
            switch converter.encode(character) {
            case .printable(let encoded) where !encoded.contains(where: { $0 < 0x20 || $0 == 0x7F }):
                return (encoded, Self.columns(encoded))
            case .printable, .fourByte, .unconvertible:
                return replacement()
            }
        }

        /// Columns of GB18030 bytes: one per ASCII byte, two per 2-byte code.
        private static func columns(_ encoded: [UInt8]) -> Int {
            var columns = 0
            var index = 0
            while index < encoded.count {
                columns += encoded[index] < 0x80 ? 1 : 2
                index += encoded[index] < 0x80 ? 1 : 2
            }
            return columns
        }

        /// The marker, counted as one replaced character.
        private mutating func replacement() -> (bytes: [UInt8], columns: Int) {
            replaced += 1
            return converter == nil ? ([0x3F], 1) : (ReceiptEncoder.replacementMarkerBytes, 2)
        }
    }
}
