import Foundation
import Testing

/// `usb list` and `USBContext.open` against umockdev descriptions of one and two identical printers.
@Suite("USB enumeration and device selection")
struct USBDeviceSelectionTests {
    private struct ListedDevice: Decodable {
        struct Interface: Decodable, Equatable {
            var number: Int
            var alternate: Int
            var `class`: Int
            var subclass: Int
            var `protocol`: Int
            var endpoints: [Endpoint]
        }

        struct Endpoint: Decodable, Equatable {
            var address: String
            var type: String
            var direction: String
            var maxPacketSize: Int
        }

        var vendor: String
        var product: String
        var bus: Int
        var address: Int
        var port: String
        var `class`: Int
        var serial: String?
        var interfaces: [Interface]
    }

    @Test("list shows the root hub, the hub and the printer with its port path, serial and endpoints")
    func list() async throws {
        // When
        let result = try await USBProbeRunner.run(umockdev: ["-d", USBProbeRunner.printer], probe: ["list"])

        // Then
        #expect(result.status == 0, "\(result)")
        let devices = try result.lines.map { try JSONDecoder().decode(ListedDevice.self, from: Data($0.utf8)) }
        #expect(devices.map { "\($0.vendor):\($0.product)@\($0.port)#\($0.address)" } == ["1d6b:0002@usb1#1", "0416:5011@1-1.4#2", "05e3:0608@1-1#5"])
        let printer = try #require(devices.first { $0.vendor == "0416" })
        #expect(printer.bus == 1)
        #expect(printer.class == 0)
        #expect(printer.serial == "KX58A0001")
        #expect(
            printer.interfaces == [
                .init(
                    number: 0, alternate: 0, class: 7, subclass: 1, protocol: 2,
                    endpoints: [
                        .init(address: "0x01", type: "bulk", direction: "out", maxPacketSize: 64),
                        .init(address: "0x82", type: "bulk", direction: "in", maxPacketSize: 64),
                    ])
            ])
        #expect(devices.first { $0.port == "1-1" }?.serial == nil)  // the hub has no serial string
    }

    @Test("two identical printers and no serial or port: the typed ambiguous error names both ports")
    func ambiguous() async throws {
        // When
        let result = try await USBProbeRunner.printer(["--skip-port-status"], devices: USBProbeRunner.twoPrinters, ioctl: [])

        // Then
        #expect(result.status == 1, "\(result)")
        #expect(try USBProbeRunner.lines(result).last?.error == "ambiguous")
        #expect(result.stderr.contains("2 USB devices match 0416:5011 (ports 1-1.3, 1-1.4)"))
    }

    @Test("the serial number picks the second printer, which then talks on its own node", arguments: [
        (["--serial", "KX58A0002"], "1-1.3", "KX58A0002"),
        (["--port", "1-1.3"], "1-1.3", "KX58A0002"),
        (["--port", "1-1.4"], "1-1.4", "KX58A0001"),
    ])
    func pickOne(selector: [String], port: String, serial: String) async throws {
        // When
        let result = try await USBProbeRunner.printer(
            selector + ["--send", USBProbeRunner.receipt, "--expect-reply-bytes", "1"],
            devices: USBProbeRunner.twoPrinters, ioctl: ["/dev/bus/usb/001/002", "/dev/bus/usb/001/003"])

        // Then
        #expect(result.status == 0, "\(result)")
        let lines = try USBProbeRunner.lines(result)
        #expect(lines.first?.port == port)
        #expect(lines.first?.serial == serial)
        #expect(lines.last?.hex == "12")
    }

    @Test("a serial number nobody has gives the typed no-match error")
    func noMatch() async throws {
        // When
        let result = try await USBProbeRunner.printer(["--serial", "NOPE"], devices: USBProbeRunner.twoPrinters, ioctl: [])

        // Then
        #expect(result.status == 1, "\(result)")
        #expect(try USBProbeRunner.lines(result).last?.error == "noMatchingDevice")
        #expect(result.stderr.contains("no USB device matches 0416:5011 with serial NOPE"))
    }
}
