import Testing
@testable import KioskDevices
@testable import KioskEmulators

/// The emulated printer's logic, bytes in and replies out, with no pty.
@Suite("ESC/POS printer emulator")
struct ESCPOSEmulatorTests {
    /// Feeds `bytes`; returns the replies.
    func feed(_ printer: inout EmulatedPrinter, _ bytes: [UInt8]) -> [UInt8] {
        var entries: [PrinterTranscript.Entry] = []
        return printer.receive(bytes, entries: &entries)
    }

    func update(_ printer: inout EmulatedPrinter, _ change: @escaping (inout PrinterCondition) -> Void) -> [UInt8] {
        var entries: [PrinterTranscript.Entry] = []
        return printer.update(change, entries: &entries)
    }

    @Test("DLE EOT 1-4 answers per condition", arguments: [
        (PrinterCondition(), [UInt8](arrayLiteral: 0x12, 0x12, 0x12, 0x12)),
        (PrinterCondition(paper: .nearEnd), [0x12, 0x12, 0x12, 0x1E]),
        (PrinterCondition(paper: .out), [0x1A, 0x32, 0x12, 0x7E]),
        (PrinterCondition(coverOpen: true), [0x1A, 0x16, 0x12, 0x12]),
        (PrinterCondition(offline: true), [0x1A, 0x12, 0x12, 0x12]),
        (PrinterCondition(cutterError: true), [0x3A, 0x52, 0x1A, 0x12]),
    ] as [(PrinterCondition, [UInt8])])
    func statusBytes(condition: PrinterCondition, expected: [UInt8]) {
        var printer = EmulatedPrinter()
        _ = update(&printer) { $0 = condition }
        #expect(feed(&printer, ESCPOSCommand.fullStatusRequest) == expected)
    }

    @Test("the emulator's bytes decode to the condition it was given")
    func agreesWithDecoder() {
        let condition = PrinterCondition(paper: .out, coverOpen: true)
        let status = PrinterStatus(
            printer: condition.statusByte(.printer), offlineCause: condition.statusByte(.offlineCause),
            errorCause: condition.statusByte(.errorCause), paperRoll: condition.statusByte(.paperRoll))
        #expect(status == PrinterStatus(online: false, coverOpen: true, paperNearEnd: true, paperEnd: true))
        let block = condition.automaticStatusBlock
        #expect(PrinterStatus(automaticStatus: AutomaticStatusBlock(block[0], block[1], block[2], block[3])) == PrinterStatus(online: false, coverOpen: true, paperNearEnd: true, paperEnd: true))
    }

    @Test("DLE EOT inside a QR payload is answered on receipt, and the payload keeps its bytes")
    func realTimeInsidePayload() {
        // Given
        var printer = EmulatedPrinter()
        let payload: [UInt8] = [0x41, 0x10, 0x04, 0x04, 0x42]

        // When
        let replies = feed(&printer, ESCPOSCommand.qrStore(payload) + ESCPOSCommand.qrPrint)

        // Then
        #expect(replies == [0x12])
        #expect(printer.transcript.entries == [.qrCode(payload: payload, moduleSize: 3, errorCorrection: 0x30)])
    }

    @Test("with the cover open, data waits (GS r unanswered) and DLE EOT is still answered; closing prints it")
    func heldWhileCoverOpen() {
        // Given
        var printer = EmulatedPrinter()
        _ = update(&printer) { $0.coverOpen = true }

        // When
        let whileOpen = feed(&printer, Array("A\n".utf8) + ESCPOSCommand.transmitPaperStatus + ESCPOSCommand.statusRequest(.offlineCause))
        let onClose = update(&printer) { $0.coverOpen = false }

        // Then
        #expect(whileOpen == [0x16])
        #expect(onClose == [0x00])
        #expect(printer.transcript.lines == ["A"])
    }

    @Test("automatic status back: a block when enabled and on every change")
    func automaticStatusBack() {
        // Given
        var printer = EmulatedPrinter()

        // When
        let enabled = feed(&printer, ESCPOSCommand.automaticStatusBack(0x0E))
        let opened = update(&printer) { $0.coverOpen = true }
        let unchanged = update(&printer) { $0.coverOpen = true }

        // Then
        #expect(enabled == [0x10, 0x00, 0x00, 0x00])
        #expect(opened == [0x38, 0x00, 0x00, 0x00])
        #expect(unchanged == [])
    }

    @Test("paper runs out after the given lines: the rest waits, an automatic status block tells")
    func paperRunsOut() {
        // Given
        var printer = EmulatedPrinter()
        _ = feed(&printer, ESCPOSCommand.automaticStatusBack(0x0E))
        _ = update(&printer) { $0.paperRunsOutAfterLines = 2 }

        // When
        let replies = feed(&printer, Array("1\n2\n3\n".utf8) + ESCPOSCommand.transmitPaperStatus)

        // Then
        #expect(replies == [0x18, 0x00, 0x0F, 0x00])
        #expect(printer.transcript.lines == ["1", "2"])
        #expect(printer.condition.paper == .out)
    }

    @Test("python-escpos's commands are read: ESC ! sizes, ESC E, ESC a, ESC d, GS V 1")
    func pythonEscposStream() {
        // Given: what python-escpos 3.1 sends for set(double_width, double_height, bold, align=center), text, cut(PART)
        var printer = EmulatedPrinter()
        let stream: [UInt8] = [0x1B, 0x40, 0x1C, 0x26, 0x1B, 0x21, 0x00, 0x1B, 0x21, 0x00, 0x1B, 0x21, 0x30, 0x1B, 0x45, 0x01, 0x1B, 0x61, 0x01]
            + [0xC6, 0xBE, 0xCC, 0xF5, 0x0A] + [0x1B, 0x64, 0x06, 0x1D, 0x56, 0x01]

        // When
        _ = feed(&printer, stream)

        // Then
        #expect(printer.transcript.entries == [
            .initialised,
            .line(.init(text: "凭条", bold: true, size: .double, alignment: .center)),
            .feed(lines: 6),
            .cut(partial: true),
        ])
    }

    @Test("a raster image is skipped by its length, line feeds in its data included")
    func rasterSkipped() {
        // Given: GS v 0, 1 byte wide, 2 rows of 0x0A
        var printer = EmulatedPrinter()

        // When
        _ = feed(&printer, [0x1D, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0x0A, 0x0A] + Array("B\n".utf8))

        // Then
        #expect(printer.transcript.lines == ["B"])
    }

    @Test("the parser waits for a command's last byte")
    func incomplete() {
        #expect(ESCPOSStreamParser.next([0x1D, 0x28, 0x6B, 0x05, 0x00, 0x31][...]) == nil)
        #expect(ESCPOSStreamParser.next([0x1B][...]) == nil)
        #expect(ESCPOSStreamParser.next([0x1D, 0x56, 0x42][...]) == nil)
    }
}
