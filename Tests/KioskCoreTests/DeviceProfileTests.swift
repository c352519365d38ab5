import Foundation
import Testing
@testable import KioskCore

private let devicesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../devices").standardized.path

@Suite("Device profiles")
struct DeviceProfileTests {
    @Test("every shipped profile loads, one or more per family")
    func shipped() throws {
        let catalogue = ProfileCatalogue.load(directory: devicesFolder)
        #expect(catalogue.problems.isEmpty, "\(catalogue.problems)")
        let drivers = Set(catalogue.profiles.values.map(\.driver))
        #expect(drivers == Set(DriverKind.allCases))
        let printer = try #require(catalogue.profiles["escpos/generic-80mm"])
        #expect(printer.usb == USBEndpoints(interface: 0, endpointOut: 0x01, endpointIn: 0x82))
        #expect(printer.parameters["paper_width_mm"] == .integer(80))
        #expect(printer.health.interval == .seconds(30))
        let reader = try #require(catalogue.profiles["idcard/generic-ga467"])
        #expect(reader.serial == SerialSettings(baud: 115200, dataBits: 8, parity: .none, stopBits: 1, flowControl: .none))
        #expect(reader.match.isConfigurationOnly)
    }

    struct BrokenProfile: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let line: Int
        let keyPath: String
        let message: String
        var testDescription: String { name }
    }

    static let base = "name: Test printer\nname_zh: 测试打印机\ndriver: escpos\n"

    static let broken: [BrokenProfile] = [
        .init(name: "unknown driver", yaml: "name: x\nname_zh: x\ndriver: zebra\ntransport: usb\nusb: {endpoint_out: \"0x01\"}\n", line: 3, keyPath: "driver", message: "expected one of idcard-ga467, escpos"),
        .init(name: "driver over the wrong transport", yaml: base + "transport: cups\n", line: 4, keyPath: "transport", message: "the escpos driver works over usb or serial, not cups"),
        .init(name: "USB transport without endpoints", yaml: base + "transport: usb\n", line: 1, keyPath: "usb", message: "required key is missing"),
        .init(name: "IN endpoint given as OUT", yaml: base + "transport: usb\nusb: {endpoint_out: \"0x81\"}\n", line: 5, keyPath: "usb.endpoint_out", message: "must be an OUT endpoint"),
        .init(name: "odd baud rate", yaml: base + "transport: serial\nserial: {baud: 12345}\n", line: 5, keyPath: "serial.baud", message: "a standard baud rate"),
        .init(name: "parameter of another driver", yaml: base + "transport: usb\nusb: {endpoint_out: \"0x01\"}\nparameters: {terminator: crlf}\n", line: 6, keyPath: "parameters.terminator", message: "unknown key; expected one of"),
        .init(name: "paper width not 58 or 80", yaml: base + "transport: usb\nusb: {endpoint_out: \"0x01\"}\nparameters: {paper_width_mm: 76}\n", line: 6, keyPath: "parameters.paper_width_mm", message: "expected 58 or 80"),
        .init(name: "bad USB id", yaml: base + "transport: usb\nusb: {endpoint_out: \"0x01\"}\nmatch: {usb_ids: [\"0416-5011\"]}\n", line: 6, keyPath: "match.usb_ids[0]", message: "VENDOR:PRODUCT in hex"),
        .init(name: "health interval too short", yaml: base + "transport: usb\nusb: {endpoint_out: \"0x01\"}\nhealth: {interval: 10ms}\n", line: 6, keyPath: "health.interval", message: "expected a duration from 1s"),
    ]

    @Test("a broken profile names file, line and key", arguments: broken)
    func brokenProfile(_ broken: BrokenProfile) {
        do {
            _ = try DeviceProfile.parse(yaml: broken.yaml, id: "escpos/test", file: "devices/escpos/test.yaml")
            Issue.record("accepted")
        } catch {
            let problem = error.problems.first
            #expect(error.problems.count == 1, "\(error)")
            #expect(problem?.file == "devices/escpos/test.yaml")
            #expect(problem?.line == broken.line, "\(error)")
            #expect(problem?.keyPath == broken.keyPath, "\(error)")
            #expect(problem?.message.contains(broken.message) == true, "\(error)")
        }
    }

    @Test("one broken file is reported and the others still load")
    func brokenFileInCatalogue() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("profiles-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/escpos", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: devicesFolder + "/escpos/generic-80mm.yaml", toPath: folder + "/escpos/generic-80mm.yaml")
        try (Self.base + "transport: usb\n").write(toFile: folder + "/escpos/broken.yaml", atomically: true, encoding: .utf8)
        let catalogue = ProfileCatalogue.load(directory: folder)
        #expect(Array(catalogue.profiles.keys) == ["escpos/generic-80mm"])
        #expect(catalogue.problems.map(\.description) == ["\(folder)/escpos/broken.yaml:1:1: usb: required key is missing"])
    }

    @Test("the committed udev rules are what the profiles generate")
    func committedRules() throws {
        let catalogue = ProfileCatalogue.load(directory: devicesFolder)
        let generated = UdevRules.generate(profiles: Array(catalogue.profiles.values))
        let committed = try String(contentsOfFile: devicesFolder + "/99-kioskd.rules", encoding: .utf8)
        #expect(committed == generated, "run `kioskctl devices udev-rules --profiles devices > devices/99-kioskd.rules`")
        #expect(generated.contains(#"SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ATTR{idVendor}=="0416", ATTR{idProduct}=="5011", GROUP="kioskd", MODE="0660""#))
        #expect(generated.contains(#"ENV{ID_USB_INTERFACES}=="*:07*""#))
        #expect(generated.contains(#"SUBSYSTEM=="input", KERNEL=="event*", ENV{ID_INPUT_TOUCHSCREEN}=="1", GROUP="kioskd", MODE="0660""#))
        #expect(!generated.contains("pcsc/"), "pcscd owns smart-card readers")
    }

    @Test("configured USB devices add rules narrowed by serial")
    func configuredRules() {
        let rules = UdevRules.generate(profiles: [], devices: [
            DeviceConfiguration(id: "printer", role: .receiptPrinter, profile: "escpos/generic-80mm", match: .usb(vendor: 0x04b8, product: 0x0e15, serial: "X1", port: nil)),
        ])
        #expect(rules.contains(#"ATTR{idVendor}=="04b8", ATTR{idProduct}=="0e15", ATTR{serial}=="X1", GROUP="kioskd", MODE="0660"  # printer"#))
    }

    @Test("a configuration is checked against the installed profiles")
    func configurationAgainstProfiles() {
        let catalogue = ProfileCatalogue.load(directory: devicesFolder)
        let yaml = """
            kiosk: {id: k1, name: K, site: s, address: A, owner: service-centre, contact: {name: N}}
            devices:
              - {id: p1, role: receipt-printer, profile: escpos/no-such-model, match: {emulated: true}}
              - {id: p2, role: receipt-printer, profile: cups/generic-a4, match: {cups: a4}}
              - {id: p3, role: receipt-printer, profile: escpos/generic-80mm, match: {serial: /dev/ttyS0}}
            """
        do {
            _ = try KioskConfiguration.parse(yaml: yaml, file: "kiosk.yaml", profiles: catalogue.profiles)
            Issue.record("accepted")
        } catch {
            let messages = error.problems.map(\.description)
            #expect(messages.count == 3, "\(messages)")
            #expect(messages.contains { $0.hasPrefix("kiosk.yaml:3:") && $0.contains("devices[0].profile: no device profile \"escpos/no-such-model\" is installed; profiles of this family: escpos/generic-58mm-serial") })
            #expect(messages.contains { $0.hasPrefix("kiosk.yaml:4:") && $0.contains("uses the cups driver, which cannot serve a receipt-printer") })
            #expect(messages.contains { $0.hasPrefix("kiosk.yaml:5:") && $0.contains("a serial match cannot bind profile escpos/generic-80mm, which works over usb") })
        }
    }
}
