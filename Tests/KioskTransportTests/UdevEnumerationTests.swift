import KioskCore
import Testing

/// `Udev.enumerate` against the hand-written kiosk in Recordings/Udev/kiosk-devices.umockdev:
/// two identical receipt printers, a USB-serial ID-card reader, a touch screen and an HDMI connector.
@Suite("udev enumeration")
struct UdevEnumerationTests {
    @Test("two identical receipt printers are told apart by serial and by port")
    func identicalPrinters() async throws {
        // When
        let devices = try await UdevProbeRunner.enumerate(["--subsystem", "usb"])

        // Then
        let printers = devices.filter {
            $0.devtype == "usb_device" && $0.attributes["idVendor"] == "0416" && $0.attributes["idProduct"] == "5011"
        }
        #expect(printers.map(\.sysname) == ["1-1.4", "1-1.5"])
        #expect(printers.map { $0.attributes["serial"] } == ["PRN001", "PRN002"])
        #expect(printers.map { $0.properties["ID_SERIAL_SHORT"] } == ["PRN001", "PRN002"])
        #expect(printers.map(\.devnode) == ["/dev/bus/usb/001/002", "/dev/bus/usb/001/003"])
        #expect(printers.map { [$0.attributes["busnum"], $0.attributes["devnum"]] } == [["1", "2"], ["1", "3"]])
    }

    @Test("a printer's interface carries the printer class and its USB device's ids")
    func printerInterface() async throws {
        // When
        let devices = try await UdevProbeRunner.enumerate(["--subsystem", "usb"])

        // Then
        let interface = try #require(devices.first { $0.sysname == "1-1.5:1.0" })
        #expect(interface.devtype == "usb_interface")
        #expect(interface.devnode == nil)
        #expect(interface.attributes == [
            "bInterfaceClass": "07",
            "parent.idVendor": "0416",
            "parent.idProduct": "5011",
            "parent.serial": "PRN002",
            "parent.busnum": "1",
            "parent.devnum": "3",
            "parent.manufacturer": "Winbond",
            "parent.product": "POS58 Printer",
        ])
    }

    @Test("the ID-card reader's tty carries its stable link and its USB bridge's ids")
    func readerTTY() async throws {
        // When
        let devices = try await UdevProbeRunner.enumerate(["--subsystem", "tty"])

        // Then
        let reader = try #require(devices.first)
        #expect(devices.count == 1)
        #expect(reader.subsystem == "tty")
        #expect(reader.sysname == "ttyUSB0")
        #expect(reader.devnode == "/dev/ttyUSB0")
        #expect(reader.devlinks.contains("/dev/serial/by-id/usb-Reader_123-if00-port0"))
        #expect(reader.properties["ID_SERIAL"] == "Reader_123")
        #expect(reader.attributes["parent.idVendor"] == "067b")
        #expect(reader.attributes["parent.idProduct"] == "2303")
        #expect(reader.attributes["parent.serial"] == "123")
    }

    @Test("the touch screen is found by its udev property")
    func touchscreen() async throws {
        // When
        let devices = try await UdevProbeRunner.enumerate(["--subsystem", "input", "--property", "ID_INPUT_TOUCHSCREEN=1"])

        // Then
        #expect(devices.map(\.sysname) == ["input5", "event5"])
        #expect(devices.last?.devnode == "/dev/input/event5")
        #expect(devices.allSatisfy { $0.properties["ID_INPUT_TOUCHSCREEN"] == "1" })
    }

    @Test("a device is listed only when every asked property matches (values are globs)")
    func allPropertiesMatch() async throws {
        // When
        let devices = try await UdevProbeRunner.enumerate([
            "--subsystem", "usb", "--property", "ID_VENDOR_ID=0416", "--property", "ID_SERIAL_SHORT=PRN00[2-9]",
        ])

        // Then
        #expect(devices.map(\.sysname) == ["1-1.5"])
    }

    @Test("only the asked subsystems are listed, the display connector among them")
    func subsystemsAndConnector() async throws {
        // When
        let devices = try await UdevProbeRunner.enumerate(["--subsystem", "tty", "--subsystem", "drm"])

        // Then
        #expect(Set(devices.map(\.subsystem)) == ["tty", "drm"])
        let connector = try #require(devices.first { $0.sysname == "card0-HDMI-A-1" })
        #expect(connector.devtype == "drm_connector")
        #expect(connector.devnode == nil)
    }
}
