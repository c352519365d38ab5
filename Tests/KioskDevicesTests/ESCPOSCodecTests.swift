import Testing
@testable import KioskDevices

/// `Receipt` → ESC/POS bytes, pinned with literal bytes from the ESC/POS reference and the GB18030 table.
@Suite("ESC/POS receipt codec")
struct ESCPOSCodecTests {
    let encoder = ReceiptEncoder(paperWidth: .mm80, chineseMode: true)

    /// The bytes between `ESC @ FS &` and the closing `FS .`.
    func body(_ elements: [ReceiptElement], encoder: ReceiptEncoder? = nil) throws -> [UInt8] {
        let bytes = try (encoder ?? self.encoder).encode(Receipt(elements)).bytes
        #expect(Array(bytes.prefix(4)) == [0x1B, 0x40, 0x1C, 0x26])
        #expect(Array(bytes.suffix(2)) == [0x1C, 0x2E])
        return Array(bytes.dropFirst(4).dropLast(2))
    }

    @Test("an empty receipt is ESC @, FS & (Chinese mode on) and FS .")
    func emptyReceipt() throws {
        #expect(try encoder.encode(Receipt()).bytes == [0x1B, 0x40, 0x1C, 0x26, 0x1C, 0x2E])
    }

    @Test("Chinese text goes out as GB18030 2-byte codes: 凭 = C6 BE, 条 = CC F5")
    func chineseText() throws {
        #expect(try body([.text("凭条")]) == [0xC6, 0xBE, 0xCC, 0xF5, 0x0A])
    }

    @Test("size (GS ! n), bold (ESC E n) and alignment (ESC a n) are sent when they change, and reset after")
    func styles() throws {
        // Given
        let title = ReceiptElement.text("A", style: TextStyle(size: .double, bold: true, alignment: .center))

        // When
        let bytes = try body([title, .text("B", style: TextStyle(size: .double, bold: true, alignment: .center)), .text("C")])

        // Then
        #expect(bytes == [
            0x1D, 0x21, 0x11, 0x1B, 0x45, 0x01, 0x1B, 0x61, 0x01, 0x41, 0x0A,
            0x42, 0x0A,
            0x1D, 0x21, 0x00, 0x1B, 0x45, 0x00, 0x1B, 0x61, 0x00, 0x43, 0x0A,
        ])
    }

    @Test("GS ! n: width − 1 in bits 4-6, height − 1 in bits 0-2", arguments: [
        (TextSize(width: 1, height: 2), 0x01), (TextSize(width: 2, height: 1), 0x10), (TextSize(width: 8, height: 8), 0x77),
    ] as [(TextSize, UInt8)])
    func characterSize(size: TextSize, n: UInt8) {
        #expect(ESCPOSCommand.characterSize(size) == [0x1D, 0x21, n])
    }

    @Test("a separator fills the paper: 48 columns on 80 mm, 32 on 58 mm, 24 two-column characters on 80 mm")
    func separators() throws {
        #expect(try body([.separator("-")]) == [UInt8](repeating: 0x2D, count: 48) + [0x0A])
        let narrow = ReceiptEncoder(paperWidth: .mm58)
        #expect(try body([.separator("=")], encoder: narrow) == [UInt8](repeating: 0x3D, count: 32) + [0x0A])
        #expect(try body([.separator("─")]) == Array([[UInt8]](repeating: [0xA9, 0xA4], count: 24).joined()) + [0x0A])
    }

    @Test("a QR code: centred, model 2, module size, error correction, store with pL pH = length + 3, print")
    func qrCode() throws {
        // When
        let bytes = try body([.qrCode(QRCode("kiosk", moduleSize: 6, errorCorrection: .medium))])

        // Then
        #expect(bytes == [
            0x1B, 0x61, 0x01,
            0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,
            0x1D, 0x28, 0x6B, 0x08, 0x00, 0x31, 0x50, 0x30, 0x6B, 0x69, 0x6F, 0x73, 0x6B,
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,
        ])
    }

    @Test("a 300-byte QR payload is stored with pL 0x2F, pH 0x01 (303)")
    func qrLengthBytes() {
        let store = ESCPOSCommand.qrStore([UInt8](repeating: 0x41, count: 300))
        #expect(Array(store.prefix(8)) == [0x1D, 0x28, 0x6B, 0x2F, 0x01, 0x31, 0x50, 0x30])
        #expect(store.count == 308)
    }

    @Test("feed is ESC d n; a cut feeds to the cutter (GS V 66 0) after the profile's blank lines, or cuts here (GS V 1)")
    func feedAndCuts() throws {
        #expect(try body([.feed(lines: 3)]) == [0x1B, 0x64, 0x03])
        #expect(try body([.cut(.feedToCutter)]) == [0x1D, 0x56, 0x42, 0x00])
        #expect(try body([.cut(.here)]) == [0x1D, 0x56, 0x01])
        let feeding = ReceiptEncoder(paperWidth: .mm80, feedLinesBeforeCut: 4)
        #expect(try body([.cut()], encoder: feeding) == [0x1B, 0x64, 0x04, 0x1D, 0x56, 0x42, 0x00])
    }

    @Test("DLE EOT n is 10 04 n; the full status request asks 1, 2, 3 and 4")
    func statusRequests() {
        #expect(ESCPOSCommand.statusRequest(.paperRoll) == [0x10, 0x04, 0x04])
        #expect(ESCPOSCommand.fullStatusRequest == [0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x03, 0x10, 0x04, 0x04])
        #expect(ESCPOSCommand.automaticStatusBack(0x0E) == [0x1D, 0x61, 0x0E])
        #expect(ESCPOSCommand.transmitPaperStatus == [0x1D, 0x72, 0x01])
    }

    // MARK: Characters with no 2-byte GB18030 code

    @Test("a character that needs a 4-byte GB18030 code is printed as 〓 (A1 FE) and counted", arguments: [
        ("张𠀀", [0xD5, 0xC5, 0xA1, 0xFE] as [UInt8], 1),  // CJK extension B: 95 32 82 36 in GB18030
        ("😀", [0xA1, 0xFE], 1),  // emoji: 94 39 FC 36
        ("👨‍👩‍👧", [0xA1, 0xFE], 1),  // one character of five scalars joined by ZWJ
        ("½", [0xA1, 0xFE], 1),  // in the BMP but outside GBK: 81 30 86 35
        ("A𠀀B𠀁", [0x41, 0xA1, 0xFE, 0x42, 0xA1, 0xFE], 2),
    ] as [(String, [UInt8], Int)])
    func fourByteCharacters(text: String, expected: [UInt8], replaced: Int) throws {
        // When
        let encoded = try encoder.encode(Receipt([.text(text)]))

        // Then
        #expect(Array(encoded.bytes.dropFirst(4).dropLast(3)) == expected)
        #expect(encoded.replacedCharacters == replaced)
    }

    @Test("control characters in text cannot inject commands: each becomes 〓; tab becomes a space")
    func controlCharacters() throws {
        // When
        let encoded = try encoder.encode(Receipt([.text("a\u{1B}@\u{10}\u{04}\u{04}\tb")]))

        // Then
        #expect(Array(encoded.bytes.dropFirst(4).dropLast(3)) == [0x61, 0xA1, 0xFE, 0x40, 0xA1, 0xFE, 0xA1, 0xFE, 0xA1, 0xFE, 0x20, 0x62])
        #expect(encoded.replacedCharacters == 4)
        #expect(encoded.embeddedStatusRequests == 0)
    }

    @Test("line breaks (LF, CR LF, CR, U+2028) each end a printed line")
    func lineBreaks() throws {
        #expect(try body([.text("a\nb\r\nc\rd\u{2028}凭")]) == [0x61, 0x0A, 0x62, 0x0A, 0x63, 0x0A, 0x64, 0x0A, 0xC6, 0xBE, 0x0A])
    }

    @Test("outside Chinese mode, anything but ASCII is printed as ? and counted")
    func withoutChineseMode() throws {
        // When
        let encoded = try ReceiptEncoder(paperWidth: .mm58, chineseMode: false).encode(Receipt([.text("凭A")]))

        // Then
        #expect(encoded.bytes == [0x1B, 0x40, 0x3F, 0x41, 0x0A])
        #expect(encoded.replacedCharacters == 1)
    }

    // MARK: Refusals

    @Test("QR codes the printer would drop or act on are refused before anything is sent", arguments: [
        (QRCode(payload: []), ReceiptError.emptyQRPayload),
        (QRCode(payload: [UInt8](repeating: 0x41, count: 2332), errorCorrection: .medium), .qrPayloadTooLong(bytes: 2332, maximum: 2331, level: .medium)),
        (QRCode("x", moduleSize: 17), .qrModuleSizeOutOfRange(17)),
        (QRCode(payload: [0x41, 0x10, 0x05, 0x02]), .realTimeCommandInQRPayload(offset: 1)),  // DLE ENQ 2: clear the buffer
        (QRCode(payload: [0x10, 0x14, 0x02, 0x01, 0x08]), .realTimeCommandInQRPayload(offset: 0)),  // DLE DC4 2: power off
        (QRCode(payload: [0x41, 0x10, 0x04]), .realTimeCommandInQRPayload(offset: 1)),
    ] as [(QRCode, ReceiptError)])
    func refusedQRCodes(code: QRCode, error: ReceiptError) {
        #expect(throws: error) { try encoder.encode(Receipt([.qrCode(code)])) }
    }

    @Test("DLE EOT n inside a QR payload is allowed and counted: the printer will answer it")
    func statusRequestInPayload() throws {
        // When
        let encoded = try encoder.encode(Receipt([.qrCode(QRCode(payload: [0x41, 0x10, 0x04, 0x04, 0x42]))]))

        // Then
        #expect(encoded.embeddedStatusRequests == 1)
    }

    @Test("sizes and feeds outside the printer's ranges are refused")
    func refusedRanges() {
        #expect(throws: ReceiptError.textSizeOutOfRange(TextSize(width: 9, height: 1))) {
            try encoder.encode(Receipt([.text("x", style: TextStyle(size: TextSize(width: 9, height: 1)))]))
        }
        #expect(throws: ReceiptError.feedOutOfRange(256)) { try encoder.encode(Receipt([.feed(lines: 256)])) }
    }

    // MARK: What printing will use

    @Test("printed lines count wrapped and fed lines; paper is estimated from lines, QR size and the cut")
    func estimates() throws {
        // Given: 49 columns wrap on 80 mm; 25 ASCII characters twice as wide take 50 columns
        let receipt = Receipt([
            .text(String(repeating: "x", count: 49)),
            .text(String(repeating: "y", count: 25), style: TextStyle(size: TextSize(width: 2, height: 1))),
            .text("凭条"),
            .feed(lines: 2),
            .qrCode(QRCode("kiosk", moduleSize: 4)),  // version 1: 21 modules, 84 dots
            .cut(),
        ])

        // When
        let encoded = try encoder.encode(receipt)

        // Then
        #expect(encoded.printedLines == 2 + 2 + 1 + 2)
        #expect(encoded.cuts == 1)
        let expected = 7 * (25.4 / 6) + 84.0 / 8 + 12
        #expect(abs(encoded.paperMillimetres - expected) < 0.001)
    }

    @Test("the smallest QR version that holds a payload (ISO/IEC 18004 byte capacity)")
    func qrVersions() {
        #expect(QRCapacity.version(forBytes: 14, level: .medium) == 1)
        #expect(QRCapacity.version(forBytes: 15, level: .medium) == 2)
        #expect(QRCapacity.version(forBytes: 2953, level: .low) == 40)
        #expect(QRCapacity.version(forBytes: 2954, level: .low) == nil)
    }
}
