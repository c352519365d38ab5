import Foundation

/// Runs `kiosk-transport-probe usb …` under umockdev against the receipt printer in Recordings/USB
/// and decodes what it prints.
///
/// umockdev works by LD_PRELOAD, so libusb runs in the probe (built beside the test bundle), never in
/// the test runner; `ChildProcess` kills every run after 20 s, so a replay that hangs fails its test.
enum USBProbeRunner {
    /// The probe, beside the test bundle.
    static var probe: String {
        let runner = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("kiosk-transport-probe").path
    }

    /// A file under Tests/KioskTransportTests/Recordings/USB (see Recordings/README.md, "USB").
    static func recording(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Recordings/USB/\(name)").path
    }

    /// The printer 0416:5011 on port 1-1.4 (/dev/bus/usb/001/002), behind a hub on 1-1.
    static let printer = recording("printer.umockdev")
    /// The same printer on 1-1.4 (serial KX58A0001) and another on 1-1.3 (KX58A0002, /dev/bus/usb/001/003).
    static let twoPrinters = recording("two-printers.umockdev")
    /// GET_PORT_STATUS → 0x18, the receipt below → accepted, bulk IN → 0x12.
    static let conversation = recording("printer.ioctl")
    /// A usbmon capture with no packets: transfers are accepted and never complete.
    static let noAnswer = recording("no-answer.pcap")
    /// The sysfs path of the printer on 1-1.4, which `umockdev-run --pcap` wants.
    static let printerSysfsPath = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.4"

    /// ESC @, FS &, "缴费成功" in GB18030, FS ., LF, GS V 1, DLE EOT 4: what printer.ioctl expects.
    static let receipt = "1B40" + "1C26" + "BDC9B7D1B3C9B9A6" + "1C2E" + "0A" + "1D5601" + "100404"

    /// One line of the probe's output; only the fields a line has are set.
    struct Line: Decodable, Equatable {
        var event: String?
        var device: String?
        var port: String?
        var serial: String?
        var interface: Int?
        var bytes: Int?
        var hex: String?
        var raw: String?
        var selected: Bool?
        var noError: Bool?
        var paperEmpty: Bool?
        var error: String?
        var message: String?
    }

    /// `umockdev-run ARGUMENTS -- PROBE usb PROBE-ARGUMENTS`.
    static func run(umockdev arguments: [String], probe probeArguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run("/usr/bin/umockdev-run", arguments + ["--", probe, "usb"] + probeArguments)
    }

    /// `usb printer --vendor 0416 --product 5011 ARGUMENTS` on `devices`, replaying `recording` on each node.
    static func printer(
        _ arguments: [String], devices: String = printer, ioctl nodes: [String] = ["/dev/bus/usb/001/002"],
        recording ioctl: String = conversation
    ) async throws -> ChildProcess.Result {
        try await run(
            umockdev: ["-d", devices] + nodes.flatMap { ["-i", "\($0)=\(ioctl)"] },
            probe: ["printer", "--vendor", "0416", "--product", "5011"] + arguments)
    }

    /// `usb hotplug ARGUMENTS` while Recordings/USB/hotplug.py plugs the printer in and pulls it out.
    static func hotplug(_ arguments: [String]) async throws -> ChildProcess.Result {
        try await ChildProcess.run(
            "/usr/bin/umockdev-wrapper",
            ["/usr/bin/python3", recording("hotplug.py"), printer, probe, "usb", "hotplug"] + arguments)
    }

    /// Every line of the output decoded (the "ready" line of `hotplug` skipped).
    static func lines(_ result: ChildProcess.Result) throws -> [Line] {
        try result.lines.filter { $0 != "ready" }.map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
    }
}
