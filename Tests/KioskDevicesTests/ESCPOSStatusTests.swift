import Testing
@testable import KioskDevices

/// Status replies decoded from tables of bytes (shared PROTOCOLS.md §2).
@Suite("ESC/POS status decoding")
struct ESCPOSStatusTests {
    @Test("DLE EOT 1 (printer): b3 offline, b5 waiting for recovery, b6 feed button", arguments: [
        (UInt8(0x12), PrinterStatus()),
        (0x1A, PrinterStatus(online: false)),
        (0x32, PrinterStatus(waitingForRecovery: true)),
        (0x52, PrinterStatus(feedButton: true)),
        (0x16, PrinterStatus()),  // b2: drawer pin 3, not reported
    ] as [(UInt8, PrinterStatus)])
    func printerStatus(byte: UInt8, expected: PrinterStatus) {
        var status = PrinterStatus()
        status.apply(byte, answering: .printer)
        #expect(status == expected)
    }

    @Test("DLE EOT 2 (offline cause): b2 cover open, b3 feeding by button, b5 stopped by paper end", arguments: [
        (UInt8(0x12), PrinterStatus()),
        (0x16, PrinterStatus(coverOpen: true)),
        (0x1A, PrinterStatus(feedButton: true)),
        (0x32, PrinterStatus(paperEnd: true)),
        (0x36, PrinterStatus(coverOpen: true, paperEnd: true)),
    ] as [(UInt8, PrinterStatus)])
    func offlineCause(byte: UInt8, expected: PrinterStatus) {
        var status = PrinterStatus()
        status.apply(byte, answering: .offlineCause)
        #expect(status == expected)
    }

    @Test("DLE EOT 3 (error cause): b3 cutter, b5 unrecoverable, b6 auto-recoverable", arguments: [
        (UInt8(0x12), PrinterStatus()),
        (0x1A, PrinterStatus(cutterError: true)),
        (0x32, PrinterStatus(unrecoverableError: true)),
        (0x52, PrinterStatus(autoRecoverableError: true)),
        (0x7A, PrinterStatus(cutterError: true, unrecoverableError: true, autoRecoverableError: true)),
    ] as [(UInt8, PrinterStatus)])
    func errorCause(byte: UInt8, expected: PrinterStatus) {
        var status = PrinterStatus()
        status.apply(byte, answering: .errorCause)
        #expect(status == expected)
    }

    @Test("DLE EOT 4 (paper roll): 0x0C near end, 0x60 end", arguments: [
        (UInt8(0x12), PrinterStatus()),
        (0x1E, PrinterStatus(paperNearEnd: true)),
        (0x72, PrinterStatus(paperEnd: true)),
        (0x7E, PrinterStatus(paperNearEnd: true, paperEnd: true)),
    ] as [(UInt8, PrinterStatus)])
    func paperRoll(byte: UInt8, expected: PrinterStatus) {
        var status = PrinterStatus()
        status.apply(byte, answering: .paperRoll)
        #expect(status == expected)
    }

    @Test("the four replies together: a printer out of paper with its cover closed")
    func fullStatus() {
        let status = PrinterStatus(printer: 0x1A, offlineCause: 0x32, errorCause: 0x12, paperRoll: 0x7E)
        #expect(status == PrinterStatus(online: false, paperNearEnd: true, paperEnd: true))
        #expect(!status.isReady)
        #expect(status.description == "offline, paper end")
    }

    @Test("automatic status back: byte 1 b3 offline, b5 cover; byte 2 b3 cutter, b5 unrecoverable, b6 auto-recoverable; byte 3 b0-1 near end, b2-3 end", arguments: [
        ([UInt8](arrayLiteral: 0x10, 0x00, 0x00, 0x00), PrinterStatus()),
        ([0x38, 0x00, 0x00, 0x00], PrinterStatus(online: false, coverOpen: true)),
        ([0x18, 0x08, 0x00, 0x00], PrinterStatus(online: false, cutterError: true)),
        ([0x10, 0x60, 0x00, 0x00], PrinterStatus(unrecoverableError: true, autoRecoverableError: true)),
        ([0x10, 0x00, 0x03, 0x00], PrinterStatus(paperNearEnd: true)),
        ([0x18, 0x00, 0x0F, 0x00], PrinterStatus(online: false, paperNearEnd: true, paperEnd: true)),
    ] as [([UInt8], PrinterStatus)])
    func automaticStatusBack(bytes: [UInt8], expected: PrinterStatus) {
        let block = AutomaticStatusBlock(bytes[0], bytes[1], bytes[2], bytes[3])
        #expect(PrinterStatus(automaticStatus: block) == expected)
    }

    @Test("GS r 1 paper sensor: bits 0-1 near end, bits 2-3 end")
    func paperSensor() {
        #expect(PrinterStatus().updating(paperSensor: 0x00) == PrinterStatus())
        #expect(PrinterStatus().updating(paperSensor: 0x03) == PrinterStatus(paperNearEnd: true))
        #expect(PrinterStatus().updating(paperSensor: 0x0C) == PrinterStatus(paperEnd: true))
    }

    @Test("replies are told apart by bit pattern alone", arguments: [
        // real-time status: bit 1 and bit 4 set, bits 0 and 7 clear
        (UInt8(0x12), "realTime"), (0x16, "realTime"), (0x1A, "realTime"), (0x1E, "realTime"), (0x32, "realTime"),
        (0x72, "realTime"), (0x7E, "realTime"),
        // automatic status back header: bit 4 set, bits 0, 1, 7 clear
        (0x10, "asbHeader"), (0x18, "asbHeader"), (0x38, "asbHeader"), (0x7C, "asbHeader"),
        // GS r paper sensor: bits 4-7 clear
        (0x00, "paperSensor"), (0x03, "paperSensor"), (0x0C, "paperSensor"), (0x0F, "paperSensor"),
        // none: XON, XOFF, bit 7 set, bit 0 set with bit 4
        (0x11, "none"), (0x13, "none"), (0x92, "none"), (0x80, "none"), (0x13, "none"), (0x33, "none"), (0x20, "none"),
    ] as [(UInt8, String)])
    func discrimination(byte: UInt8, kind: String) {
        let found = PrinterReply.isRealTimeStatus(byte) ? "realTime"
            : PrinterReply.isAutomaticStatusHeader(byte) ? "asbHeader"
            : PrinterReply.isPaperSensor(byte) ? "paperSensor" : "none"
        #expect(found == kind)
    }

    @Test("refusals before a job, from the most specific cause", arguments: [
        (PrinterStatus(online: false, paperNearEnd: true, paperEnd: true), PrinterError.paperOut(paperWidth: .mm80)),
        (PrinterStatus(online: false, coverOpen: true), .coverOpen),
        (PrinterStatus(online: false, cutterError: true), .cutterError),
        (PrinterStatus(online: false, unrecoverableError: true), .unrecoverable),
        (PrinterStatus(autoRecoverableError: true), .recovering),
        (PrinterStatus(online: false), .offline),
    ] as [(PrinterStatus, PrinterError)])
    func refusals(status: PrinterStatus, error: PrinterError) {
        #expect(ESCPOSConversation.refusal(status, paperWidth: .mm80) == error)
    }

    @Test("paper near end is no reason to refuse")
    func nearEndPrints() {
        #expect(ESCPOSConversation.refusal(PrinterStatus(paperNearEnd: true), paperWidth: .mm80) == nil)
    }

    @Test("errors say what to do")
    func messages() {
        #expect(PrinterError.paperOut(paperWidth: .mm80).description == "receipt paper out — replace the 80 mm roll")
        #expect(PrinterError.interrupted(.paperEnd).description.hasPrefix("the receipt may be incomplete: the paper ran out"))
        #expect(PrinterError.interrupted(.paperEnd).code == "interrupted.paperEnd")
    }
}
