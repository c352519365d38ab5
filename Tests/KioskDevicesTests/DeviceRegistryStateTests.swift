import Foundation
import KioskCore
import Testing
@testable import KioskDevices

/// The shipped profiles, read from the repository's devices/ folder.
let shippedProfiles: ProfileCatalogue = {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../devices").standardized.path
    return ProfileCatalogue.load(directory: folder)
}()

/// A USB receipt printer as udev shows it.
func printer(port: String, serial: String, vendor: String = "0416", product: String = "5011") -> SystemDevice {
    SystemDevice(
        syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/\(port)",
        subsystem: "usb",
        devtype: "usb_device",
        devnode: "/dev/bus/usb/001/0\(port.suffix(1))2",
        properties: ["ID_VENDOR_ID": vendor, "ID_MODEL_ID": product, "ID_SERIAL_SHORT": serial, "ID_USB_INTERFACES": ":070102:"],
        attributes: ["idVendor": vendor, "idProduct": product, "serial": serial]
    )
}

let idReaderTTY = SystemDevice(
    syspath: "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/ttyUSB0/tty/ttyUSB0",
    subsystem: "tty",
    devnode: "/dev/ttyUSB0",
    properties: ["DEVLINKS": "/dev/serial/by-id/usb-Reader_123-if00-port0 /dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0"]
)

let touchscreen = SystemDevice(
    syspath: "/sys/devices/platform/i2c/input/input5/event5",
    subsystem: "input",
    devnode: "/dev/input/event5",
    properties: ["ID_INPUT": "1", "ID_INPUT_TOUCHSCREEN": "1"]
)

let keyboard = SystemDevice(
    syspath: "/sys/devices/platform/i8042/serio0/input/input1/event1",
    subsystem: "input",
    devnode: "/dev/input/event1",
    properties: ["ID_INPUT": "1", "ID_INPUT_KEYBOARD": "1"]
)

func configured(_ id: String, _ role: DeviceRole, _ profile: String, _ match: DeviceMatch) -> DeviceConfiguration {
    DeviceConfiguration(id: id, role: role, profile: profile, match: match)
}

let t0 = Date(timeIntervalSince1970: 1_800_000_000)

@Suite("Device registry")
struct DeviceRegistryStateTests {
    @Test("the shipped profiles all load")
    func profilesLoad() {
        #expect(shippedProfiles.problems.isEmpty, "\(shippedProfiles.problems)")
        #expect(shippedProfiles.profiles.count >= 9)
    }

    @Test("configured devices bind to what udev shows; unmatched devices are ignored")
    func binds() {
        var state = DeviceRegistryState(
            devices: [
                configured("id-reader", .idCardReader, "idcard/generic-ga467", .serial(path: "/dev/serial/by-id/usb-Reader_123-if00-port0")),
                configured("receipt-printer", .receiptPrinter, "escpos/pos80-0416-5011", .usb(vendor: 0x0416, product: 0x5011, serial: nil, port: nil)),
                configured("touch", .touchDisplay, "display/generic-touch", .udev(properties: ["ID_INPUT_TOUCHSCREEN": "1"])),
                configured("a4", .a4Printer, "cups/generic-a4", .cups(queue: "kiosk_a4")),
            ],
            profiles: shippedProfiles, defaultOwner: "service-centre", now: t0
        )
        #expect(state.statuses.map(\.state) == [.noDevice, .noDevice, .noDevice, .offline])

        let events = state.apply(snapshot: [idReaderTTY, printer(port: "1-1.4", serial: "PRN001"), touchscreen, keyboard], now: t0)

        #expect(events.map(\.deviceID) == ["id-reader", "receipt-printer", "touch"])
        #expect(events.allSatisfy { $0.kind == .appeared && $0.state == .online })
        let statuses = state.statuses
        #expect(statuses[0].binding?.devnode == "/dev/ttyUSB0")
        #expect(statuses[1].binding?.serial == "PRN001")
        #expect(statuses[1].binding?.port == "1-1.4")
        #expect(statuses[2].binding?.devnode == "/dev/input/event5")
        #expect(statuses[3].state == .offline && statuses[3].detail == "waiting for its driver")
        #expect(statuses.allSatisfy { $0.owner == "service-centre" })
        #expect(!state.discovered.contains { $0.syspath == keyboard.syspath })
    }

    @Test("two identical printers are told apart by serial number and by port")
    func identicalPrinters() {
        let first = printer(port: "1-1.4", serial: "PRN001"), second = printer(port: "1-1.5", serial: "PRN002")
        var state = DeviceRegistryState(
            devices: [
                configured("by-serial", .receiptPrinter, "escpos/pos80-0416-5011", .usb(vendor: 0x0416, product: 0x5011, serial: "PRN002", port: nil)),
                configured("by-port", .receiptPrinter, "escpos/pos80-0416-5011", .usb(vendor: 0x0416, product: 0x5011, serial: nil, port: "1-1.4")),
            ],
            profiles: shippedProfiles, defaultOwner: "service-centre", now: t0
        )
        _ = state.apply(snapshot: [first, second], now: t0)
        #expect(state.statuses[0].binding?.syspath == second.syspath)
        #expect(state.statuses[1].binding?.syspath == first.syspath)
        #expect(state.discovered.map(\.boundTo) == ["by-port", "by-serial"])
        #expect(state.discovered.allSatisfy { $0.profile == "escpos/pos80-0416-5011" })
    }

    @Test("an ambiguous match binds one and says how to choose")
    func ambiguous() {
        var state = DeviceRegistryState(
            devices: [configured("printer", .receiptPrinter, "escpos/pos80-0416-5011", .usb(vendor: 0x0416, product: 0x5011, serial: nil, port: nil))],
            profiles: shippedProfiles, defaultOwner: "service-centre", now: t0
        )
        _ = state.apply(snapshot: [printer(port: "1-1.5", serial: "B"), printer(port: "1-1.4", serial: "A")], now: t0)
        #expect(state.statuses[0].binding?.port == "1-1.4")
        #expect(state.statuses[0].detail.contains("2 devices match"))
    }

    @Test("a device keeps its identity across unplug and replug, even on another port")
    func replug() {
        var state = DeviceRegistryState(
            devices: [configured("receipt-printer", .receiptPrinter, "escpos/pos80-0416-5011", .usb(vendor: 0x0416, product: 0x5011, serial: "PRN001", port: nil))],
            profiles: shippedProfiles, defaultOwner: "natural-resources-bureau", now: t0
        )
        let original = printer(port: "1-1.4", serial: "PRN001")
        _ = state.apply(snapshot: [original], now: t0)

        let removed = state.handle(SystemDeviceEvent(action: .remove, device: original), now: t0.addingTimeInterval(5))
        #expect(removed == [RegistryEvent(kind: .disappeared, deviceID: "receipt-printer", state: .noDevice, previous: .online, binding: nil)])
        #expect(state.statuses[0].since == t0.addingTimeInterval(5))

        let moved = printer(port: "1-1.6", serial: "PRN001")
        let added = state.handle(SystemDeviceEvent(action: .add, device: moved), now: t0.addingTimeInterval(9))
        #expect(added.map(\.kind) == [.appeared])
        #expect(state.statuses[0].id == "receipt-printer")
        #expect(state.statuses[0].binding?.port == "1-1.6")

        let other = state.handle(SystemDeviceEvent(action: .add, device: printer(port: "1-1.7", serial: "PRN999")), now: t0)
        #expect(other.isEmpty, "another printer of the same model does not steal the binding")
    }

    @Test("a probe that ends after the unplug does not bring back a state: an unbound udev device stays noDevice")
    func staleProbeAfterUnplug() {
        var state = DeviceRegistryState(
            devices: [configured("receipt-printer", .receiptPrinter, "escpos/pos80-0416-5011", .usb(vendor: 0x0416, product: 0x5011, serial: "PRN001", port: nil))],
            profiles: shippedProfiles, defaultOwner: "natural-resources-bureau", now: t0
        )
        let original = printer(port: "1-1.4", serial: "PRN001")
        _ = state.apply(snapshot: [original], now: t0)
        #expect(state.setState("receipt-printer", .offline, detail: "cannot open", now: t0).map(\.state) == [.offline])
        _ = state.handle(SystemDeviceEvent(action: .remove, device: original), now: t0)
        #expect(state.statuses[0].state == .noDevice)
        #expect(state.setState("receipt-printer", .offline, detail: "probe begun before the unplug", now: t0).isEmpty)
        #expect(state.statuses[0].state == .noDevice)
        #expect(state.statuses[0].detail == "unplugged or not found")
    }

    @Test("driver states are reported as changes and kept")
    func driverState() {
        var state = DeviceRegistryState(
            devices: [configured("a4", .a4Printer, "cups/generic-a4", .cups(queue: "kiosk_a4"))],
            profiles: shippedProfiles, defaultOwner: "service-centre", now: t0
        )
        let events = state.setState("a4", .userError, detail: "media-empty", now: t0)
        #expect(events == [RegistryEvent(kind: .stateChanged, deviceID: "a4", state: .userError, previous: .offline, binding: nil)])
        #expect(state.setState("a4", .userError, detail: "media-empty", now: t0).isEmpty)
        #expect(state.setState("unknown", .online, detail: "", now: t0).isEmpty)
        #expect(state.statuses[0].detail == "media-empty")
    }

    @Test("discovery lists recognised devices with the most specific profile")
    func discovery() {
        var state = DeviceRegistryState(devices: [], profiles: shippedProfiles, defaultOwner: "service-centre", now: t0)
        let generic = printer(port: "1-1.3", serial: "X", vendor: "04b8", product: "0e15")
        _ = state.apply(snapshot: [printer(port: "1-1.4", serial: "PRN001"), generic, touchscreen, keyboard], now: t0)
        let found = Dictionary(uniqueKeysWithValues: state.discovered.map { ($0.syspath, $0.profile) })
        #expect(found[printer(port: "1-1.4", serial: "PRN001").syspath] == "escpos/pos80-0416-5011")
        #expect(found[generic.syspath] == "escpos/generic-80mm")
        #expect(found[touchscreen.syspath] == "display/generic-touch")
        #expect(found[keyboard.syspath] == nil)
    }
}

@Suite("Device registry: udev matches")
struct DeviceRegistryUdevMatchTests {
    @Test("a udev match binds the evdev node, not the inputN parent or mouseN node with the same properties")
    func evdevNodeOnly() {
        let parent = SystemDevice(syspath: "/sys/devices/platform/i2c/input/input5", subsystem: "input", properties: ["ID_INPUT_TOUCHSCREEN": "1"])
        let mouse = SystemDevice(syspath: "/sys/devices/platform/i2c/input/input5/mouse0", subsystem: "input", devnode: "/dev/input/mouse0", properties: ["ID_INPUT_TOUCHSCREEN": "1"])
        var state = DeviceRegistryState(
            devices: [configured("touch", .touchDisplay, "display/generic-touch", .udev(properties: ["ID_INPUT_TOUCHSCREEN": "1"]))],
            profiles: shippedProfiles, defaultOwner: "service-centre", now: t0
        )
        _ = state.apply(snapshot: [parent, mouse, touchscreen], now: t0)
        #expect(state.statuses[0].binding?.devnode == "/dev/input/event5")
        #expect(state.statuses[0].detail == "present")
        #expect(state.discovered.map(\.syspath) == [touchscreen.syspath])
    }

    @Test("the ambiguity note goes away when the other matching device is unplugged")
    func ambiguityClears() {
        let a = printer(port: "1-1.4", serial: "A"), b = printer(port: "1-1.5", serial: "B")
        var state = DeviceRegistryState(
            devices: [configured("printer", .receiptPrinter, "escpos/pos80-0416-5011", .usb(vendor: 0x0416, product: 0x5011, serial: nil, port: nil))],
            profiles: shippedProfiles, defaultOwner: "service-centre", now: t0
        )
        _ = state.apply(snapshot: [a, b], now: t0)
        #expect(state.statuses[0].detail.hasPrefix("2 devices match"))
        _ = state.handle(SystemDeviceEvent(action: .remove, device: b), now: t0)
        #expect(state.statuses[0].detail == "present")
        #expect(state.statuses[0].binding?.port == "1-1.4")
    }
}
