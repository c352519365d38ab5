import Foundation
import Testing

/// The GA 467 ID-card driver over USB bulk (`IDCardReader.open(usb:…)`, `IDCardUSBLink`) against umockdev replays
/// of a reader on the generic-ga467-usb profile's endpoints (OUT 0x02, IN 0x81), written by
/// Recordings/USB/generate_idcard.py. Every command frame must match the recording byte for byte (umockdev compares
/// OUT URBs), and every answer comes back through real libusb in one 4096-byte bulk IN transfer.
@Suite("ID-card reader over USB bulk (umockdev replay)")
struct IDCardUSBReplayTests {
    /// The reader 1209:0467 on port 1-1.6 (/dev/bus/usb/001/004), behind the printer's hub.
    static let device = USBProbeRunner.recording("idcard-reader.umockdev")
    static let node = "/dev/bus/usb/001/004"

    /// One line of `kiosk-transport-probe idcard-usb`; only the fields a line has are set.
    struct Line: Decodable, Equatable {
        var event: String
        var state: String
        var samStatus: String?
        var samID: String?
        var maskedName: String?
        var maskedIDNumber: String?
        var photoBytes: Int?
        var appendedAddress: Bool?
        var error: String?
        var message: String?
    }

    /// `umockdev-run -d idcard-reader.umockdev -i NODE=RECORDING -- PROBE idcard-usb --vendor 1209 --product 0467 …`.
    static func probe(_ arguments: [String], recording: String) async throws -> (ChildProcess.Result, Line?) {
        let result = try await ChildProcess.run(
            "/usr/bin/umockdev-run",
            ["-d", device, "-i", "\(node)=\(USBProbeRunner.recording(recording))", "--",
             USBProbeRunner.probe, "idcard-usb", "--vendor", "1209", "--product", "0467"] + arguments)
        let lines = result.lines
        #expect(lines.count == 1, "\(result)")
        let line = try lines.last.map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
        return (result, line)
    }

    @Test("SAM status 11 FF answers 0x90 and SAM id 12 FF its 16 bytes: ready, with the exact id")
    func samStatusAndID() async throws {
        // When
        let (result, line) = try await Self.probe(["sam"], recording: "idcard.ioctl")

        // Then
        #expect(result.status == 0, "\(result)")
        #expect(line == Line(event: "sam", state: "online", samStatus: "ready", samID: "05.01-20240101-0001234567-0987654321"))
    }

    @Test("find, select, read text+photo and the appended address (none) give the holder, masked")
    func cardRead() async throws {
        // When
        let (result, line) = try await Self.probe(["read", "--verbose"], recording: "idcard.ioctl")

        // Then: the fictional holder 周示范, ID number 99010219850315123 + check character 5 (MOD 11-2)
        #expect(result.status == 0, "\(result)")
        #expect(
            line == Line(
                event: "card", state: "online", maskedName: "周*范", maskedIDNumber: "9901**********1235",
                photoBytes: 1024, appendedAddress: false))
        // Neither the output nor the driver's debug log carries the clear name or the middle of the number.
        #expect(!result.stdout.contains("示") && !result.stderr.contains("示"))
        #expect(!result.stdout.contains("19850315") && !result.stderr.contains("19850315"))
    }

    @Test("a read answer that comes in two bulk IN transfers is joined by the link")
    func splitReadAnswer() async throws {
        // When: 270 bytes (header, lengths, text block), then the photo and the checksum
        let (result, line) = try await Self.probe(["read"], recording: "idcard-split.ioctl")

        // Then
        #expect(result.status == 0, "\(result)")
        #expect(line?.maskedName == "周*范")
        #expect(line?.maskedIDNumber == "9901**********1235")
        #expect(line?.photoBytes == 1024)
    }

    @Test("a read answer whose checksum is bad every time fails typed after every retry", arguments: [0, 2])
    func badChecksumEveryTime(retries: Int) async throws {
        // When: each retry starts again from find card, and the replay answers it from the top again
        let clock = ContinuousClock()
        let start = clock.now
        let (result, line) = try await Self.probe(
            ["read", "--retries", "\(retries)"], recording: "idcard-bad-checksum.ioctl")

        // Then
        #expect(result.status == 1, "\(result)")
        #expect(line?.event == "error")
        #expect(line?.error == "communication")
        #expect(line?.state == "hardwareError")
        #expect(line?.message?.contains("(\(retries + 1) attempts)") == true, "\(result)")
        #expect(line?.message?.contains("bad checksum (expected 0x03, received 0xFC)") == true, "\(result)")
        #expect(clock.now - start < .seconds(5), "a damaged frame ends its exchange at once, without waiting for a timeout")
    }

    @Test("a reader unplugged while the SAM answers is a transport error naming the device")
    func unplugged() async throws {
        // When: the answer's bulk IN ends with -ENODEV
        let (result, line) = try await Self.probe(["sam"], recording: "idcard-unplugged.ioctl")

        // Then
        #expect(result.status == 1, "\(result)")
        #expect(line?.error == "transport")
        #expect(line?.state == "hardwareError")
        #expect(line?.message?.contains("1209:0467 at port 1-1.6 (/dev/bus/usb/001/004): bulk IN on endpoint 0x81 failed") == true, "\(result)")
        #expect(line?.message?.contains("unplugged") == true, "\(result)")
    }
}
