import Glibc
import KioskCore
import KioskDevices
import KioskEmulators
import KioskTransport
import Testing

/// The serial driver over real pseudo-terminals, against the scanner emulator on the master side: kioskd's termios,
/// SwiftNIO channel and line decoding all run as on a kiosk.
@Suite("QR scanner serial driver over a pseudo-terminal")
struct QRScannerSerialTests {
    private static let voucher = QRScannerScannedCodeTests.voucher

    @Test("three codes arrive in order", arguments: [QRScannerTerminator.crlf, .cr, .lf])
    func threeCodes(terminator: QRScannerTerminator) async throws {
        try await withScanner(terminator: terminator) { emulator, scanner in
            // Given the driver reading the port.
            let events = try await scanner.events()

            // When three codes are scanned.
            try await emulator.scan("NR2024-000123")
            try await emulator.scan("https://bdc.example.gov.cn/verify?code=3301022024000123")
            try await emulator.scan(Self.voucher)

            // Then they arrive in order, with their kinds.
            let received = try await QRScannerTestSupport.next(3, of: events)
            #expect(received.map(\.code?.kind) == [.caseNumber, .url, .medicalVoucher])
            #expect(received.map(\.code?.text) == ["NR2024-000123", "https://bdc.example.gov.cn/verify?code=3301022024000123", Self.voucher])
        }
    }

    @Test("codes paced at 9600 baud, a byte at a time, arrive whole")
    func pacedCodes() async throws {
        try await withScanner(terminator: .crlf, pacing: .wire(baud: 9600)) { emulator, scanner in
            let events = try await scanner.events()
            try await emulator.scan("4006381333931")
            try await emulator.scan("NR2024-000124")
            let received = try await QRScannerTestSupport.next(2, of: events)
            #expect(received == [QRScannerTestSupport.scanned("4006381333931"), QRScannerTestSupport.scanned("NR2024-000124")])
        }
    }

    @Test("an over-long code is rejected and the next code still arrives")
    func overLong() async throws {
        try await withScanner(terminator: .crlf, maxLength: 64) { emulator, scanner in
            let events = try await scanner.events()

            try await emulator.scan(String(repeating: "9", count: 500))
            try await emulator.scan("NR2024-000125")

            let received = try await QRScannerTestSupport.next(2, of: events)
            #expect(received == [.rejected(.codeTooLong(limit: 64)), QRScannerTestSupport.scanned("NR2024-000125")])
        }
    }

    @Test("bytes that are not UTF-8 are rejected, and stray lone CR and LF are skipped")
    func badBytesAndStrays() async throws {
        try await withScanner(terminator: .crlf) { emulator, scanner in
            let events = try await scanner.events()

            try await emulator.send([0x0D])
            try await emulator.send([0x0A, 0x0A])
            try await emulator.send([0x4E, 0xC3, 0x28, 0x0D, 0x0A])  // C3 28: an invalid UTF-8 sequence
            try await emulator.send([0x0D])
            try await emulator.scan("NR2024-000126")

            let received = try await QRScannerTestSupport.next(2, of: events)
            #expect(received == [.rejected(.notUTF8(length: 3)), QRScannerTestSupport.scanned("NR2024-000126")])
        }
    }

    @Test("part of a code followed by silence is dropped, and the next code arrives clean")
    func partialCode() async throws {
        try await withScanner(terminator: .crlf, partialCodeTimeout: .milliseconds(200)) { emulator, scanner in
            let events = try await scanner.events()

            // The next code is scanned only once the fragment was dropped: on a loaded machine a fixed pause
            // could end before the reader saw the fragment, and the two would join into one line.
            var iterator = events.makeAsyncIterator()
            try await emulator.send(Array("NR20".utf8))
            #expect(try await iterator.next() == .rejected(.incompleteCode(length: 4, after: .milliseconds(200))))
            try await emulator.scan("NR2024-000127")
            #expect(try await iterator.next() == QRScannerTestSupport.scanned("NR2024-000127"))
        }
    }

    @Test("unplugging the scanner ends the sequence with .disconnected")
    func unplug() async throws {
        try await withScanner(terminator: .crlf) { emulator, scanner in
            // Given a code read, and the driver waiting for the next.
            let events = try await scanner.events()
            var iterator = events.makeAsyncIterator()
            try await emulator.scan("NR2024-000128")
            #expect(try await iterator.next() == QRScannerTestSupport.scanned("NR2024-000128"))
            #expect(scanner.isReading)

            // When the scanner is unplugged.
            await emulator.close()

            // Then the sequence ends with .disconnected, and the port is released.
            await #expect(throws: QRScannerError.disconnected(path: scanner.port.path)) { try await iterator.next() }
            while scanner.isReading { try await Task.sleep(for: .milliseconds(10)) }
        }
    }

    @Test("ending the iteration closes the port, so it opens again")
    func stopAndReopen() async throws {
        try await withScanner(terminator: .crlf) { emulator, scanner in
            do {
                let events = try await scanner.events()
                try await emulator.scan("NR2024-000129")
                _ = try await QRScannerTestSupport.next(1, of: events)
            }
            while scanner.isReading { try await Task.sleep(for: .milliseconds(10)) }

            let again = try await scanner.events()
            try await emulator.scan("NR2024-000130")
            #expect(try await QRScannerTestSupport.next(1, of: again) == [QRScannerTestSupport.scanned("NR2024-000130")])
        }
    }

    @Test("the probe: open and stays open → online; reading → online; missing → noDevice; unplugged → noDevice")
    func probe() async throws {
        try await withScanner(terminator: .crlf) { emulator, scanner in
            let idle = await scanner.probe(hold: .milliseconds(50))
            #expect(idle.state == .online)

            let events = try await scanner.events()
            let reading = await scanner.probe()
            #expect(reading == QRScannerHealth(state: .online, detail: "reading codes on \(scanner.port.path)"))

            await emulator.close()
            await #expect(throws: QRScannerError.self) { _ = try await QRScannerTestSupport.next(1, of: events) }
            while scanner.isReading { try await Task.sleep(for: .milliseconds(10)) }
            let gone = await scanner.probe()
            #expect(gone.state == .noDevice)
            #expect(gone.detail == SerialError.notFound(path: scanner.port.path).description)
        }
    }

    @Test("the probe reports a path that is not a terminal as offline, with the reason")
    func probeNotATerminal() async throws {
        let folder = try QRScannerTestSupport.makeFolder()
        defer { QRScannerTestSupport.removeFolder(folder) }
        try QRScannerTestSupport.createFile(folder + "/ttyUSB0")
        let scanner = SerialQRScanner(port: SerialPort(path: folder + "/ttyUSB0"), logger: QRScannerTestSupport.logger)
        let health = await scanner.probe()
        #expect(health == QRScannerHealth(state: .offline, detail: SerialError.notATerminal(path: folder + "/ttyUSB0").description))
    }

    @Test("the driver reads its settings from the generic serial profile")
    func fromProfile() throws {
        let profile = DeviceProfile(
            id: "qrscanner/generic-serial", name: "Generic QR scanner (serial, CR/LF)", nameZH: "通用二维码扫描器（串口）",
            driver: .qrSerial, transport: .serial, match: ProfileMatch(), serial: SerialSettings(baud: 9600),
            parameters: ["terminator": .text("cr"), "max_length": .integer(300)])
        let scanner = try SerialQRScanner(path: "/dev/ttyUSB0", profile: profile, logger: QRScannerTestSupport.logger)
        #expect(scanner.port == SerialPort(path: "/dev/ttyUSB0", settings: SerialSettings(baud: 9600)))
        #expect(scanner.options.terminator == .cr)
        #expect(scanner.options.maxLength == 300)
    }

    /// Runs `body` with an emulator behind a by-id style link and a driver for that link, under a deadline.
    private func withScanner(
        terminator: QRScannerTerminator,
        maxLength: Int = 2048,
        partialCodeTimeout: Duration = .seconds(2),
        pacing: QRScannerEmulator.Pacing = .immediate,
        _ body: @escaping @Sendable (QRScannerEmulator, SerialQRScanner) async throws -> Void
    ) async throws {
        try await QRScannerTestSupport.withDeadline {
            let folder = try QRScannerTestSupport.makeFolder()
            defer { QRScannerTestSupport.removeFolder(folder) }
            let link = folder + "/usb-Kiosk_QR_Scanner_0001-if00-port0"
            let emulator = try await QRScannerEmulator.start(link: link, terminator: terminator, pacing: pacing)
            let options = QRScannerOptions(maxLength: maxLength, terminator: terminator, partialCodeTimeout: partialCodeTimeout)
            let scanner = SerialQRScanner(port: SerialPort(path: link, settings: SerialSettings(baud: 9600)), options: options,
                                          logger: QRScannerTestSupport.logger)
            do {
                try await body(emulator, scanner)
            } catch {
                await emulator.close()
                throw error
            }
            await emulator.close()
        }
    }
}
