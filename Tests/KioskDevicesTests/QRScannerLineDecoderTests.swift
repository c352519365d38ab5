import KioskDevices
import Testing

/// The serial codec from tables: bytes in, codes and rejections out; no I/O.
@Suite("QR scanner serial line decoding")
struct QRScannerLineDecoderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let terminator: QRScannerTerminator
        let maxLength: Int
        let bytes: [UInt8]
        let expected: [QRScannerEvent]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "CRLF: two codes", terminator: .crlf, maxLength: 64,
             bytes: Array("4006381333931\r\nNR2024-000123\r\n".utf8),
             expected: [.scanned(ScannedCode(text: "4006381333931")), .scanned(ScannedCode(text: "NR2024-000123"))]),
        Case(name: "CR only", terminator: .cr, maxLength: 64,
             bytes: Array("AB12\rCD34\r".utf8),
             expected: [.scanned(ScannedCode(text: "AB12")), .scanned(ScannedCode(text: "CD34"))]),
        Case(name: "LF only", terminator: .lf, maxLength: 64,
             bytes: Array("AB12\nCD34\n".utf8),
             expected: [.scanned(ScannedCode(text: "AB12")), .scanned(ScannedCode(text: "CD34"))]),
        Case(name: "CRLF: stray lone CR and LF between codes and at power-up are skipped", terminator: .crlf, maxLength: 64,
             bytes: Array("\r\n\rAB12\r\n\n\r\nCD34\r\n\r".utf8),
             expected: [.scanned(ScannedCode(text: "AB12")), .scanned(ScannedCode(text: "CD34"))]),
        Case(name: "LF profile, scanner sends CRLF: the CR is dropped", terminator: .lf, maxLength: 64,
             bytes: Array("AB12\r\nCD34\r\n".utf8),
             expected: [.scanned(ScannedCode(text: "AB12")), .scanned(ScannedCode(text: "CD34"))]),
        Case(name: "CR profile, scanner sends CRLF: the LF is dropped", terminator: .cr, maxLength: 64,
             bytes: Array("AB12\r\nCD34\r\n".utf8),
             expected: [.scanned(ScannedCode(text: "AB12")), .scanned(ScannedCode(text: "CD34"))]),
        Case(name: "a code of exactly max_length is kept", terminator: .crlf, maxLength: 8,
             bytes: Array("12345678\r\n".utf8),
             expected: [.scanned(ScannedCode(text: "12345678"))]),
        Case(name: "one byte over max_length is rejected, the next code is read", terminator: .crlf, maxLength: 8,
             bytes: Array("123456789\r\nAB12\r\n".utf8),
             expected: [.rejected(.codeTooLong(limit: 8)), .scanned(ScannedCode(text: "AB12"))]),
        Case(name: "a long run without terminator is rejected once, dropped up to the terminator", terminator: .crlf, maxLength: 8,
             bytes: Array(String(repeating: "X", count: 40).utf8) + Array("\r\nAB12\r\n".utf8),
             expected: [.rejected(.codeTooLong(limit: 8)), .scanned(ScannedCode(text: "AB12"))]),
        Case(name: "bytes that are not UTF-8 are rejected by length", terminator: .crlf, maxLength: 64,
             bytes: [0x41, 0xFF, 0xFE, 0x42, 0x0D, 0x0A] + Array("AB12\r\n".utf8),
             expected: [.rejected(.notUTF8(length: 4)), .scanned(ScannedCode(text: "AB12"))]),
        Case(name: "UTF-8 text (Chinese) is kept", terminator: .lf, maxLength: 64,
             bytes: Array("不动产 2024\n".utf8),
             expected: [.scanned(ScannedCode(text: "不动产 2024"))]),
        Case(name: "a code without its terminator waits", terminator: .crlf, maxLength: 64,
             bytes: Array("AB12\r".utf8),
             expected: []),
    ]

    @Test("decodes a whole burst", arguments: cases)
    func wholeBurst(_ test: Case) {
        var decoder = QRLineDecoder(terminator: test.terminator, maxLength: test.maxLength)
        decoder.append(test.bytes)
        #expect(Self.drain(&decoder) == test.expected)
    }

    @Test("decodes the same when the bytes arrive one at a time", arguments: cases)
    func oneByteAtATime(_ test: Case) {
        var decoder = QRLineDecoder(terminator: test.terminator, maxLength: test.maxLength)
        var events: [QRScannerEvent] = []
        for byte in test.bytes {
            decoder.append([byte])
            events += Self.drain(&decoder)
        }
        #expect(events == test.expected)
    }

    @Test("a code cut short is dropped after silence, by length, and the next code is read")
    func partialCodeDropped() {
        // Given part of a code with no terminator.
        var decoder = QRLineDecoder(terminator: .crlf, maxLength: 64)
        decoder.append(Array("AB1".utf8))
        #expect(decoder.next() == nil)
        #expect(decoder.partialLength == 3)

        // When the line stays silent.
        let dropped = decoder.dropPartialCode(after: .seconds(2))

        // Then the part is rejected, and the next code is clean.
        #expect(dropped == .rejected(.incompleteCode(length: 3, after: .seconds(2))))
        decoder.append(Array("CD34\r\n".utf8))
        #expect(Self.drain(&decoder) == [.scanned(ScannedCode(text: "CD34"))])
    }

    @Test("silence with nothing held, or only a stray line end, rejects nothing")
    func silenceBetweenCodes() {
        var decoder = QRLineDecoder(terminator: .crlf, maxLength: 64)
        decoder.append([0x0A])
        #expect(decoder.next() == nil)
        #expect(decoder.dropPartialCode(after: .seconds(2)) == nil)
    }

    @Test("the profile's parameters give the options, and bad ones are named")
    func optionsFromParameters() throws {
        let options = try QRScannerOptions(parameters: ["terminator": .text("cr"), "max_length": .integer(512), "grab": .boolean(false)])
        #expect(options == QRScannerOptions(maxLength: 512, terminator: .cr, grab: false))
        #expect(throws: QRScannerError.invalidParameter(name: "terminator", reason: "expected cr, lf or crlf, found tab")) {
            try QRScannerOptions(parameters: ["terminator": .text("tab")])
        }
    }

    private static func drain(_ decoder: inout QRLineDecoder) -> [QRScannerEvent] {
        var events: [QRScannerEvent] = []
        while let event = decoder.next() { events.append(event) }
        return events
    }
}
