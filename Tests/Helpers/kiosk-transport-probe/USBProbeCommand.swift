import ArgumentParser
import Foundation
import KioskTransport

/// `kiosk-transport-probe usb …`: runs kioskd's libusb transport once and prints JSON lines.
///
/// On a `USBError` it prints `{"event":"error","error":NAME,"message":…}` on stdout, the message on
/// stderr, and exits with status 1.
struct USBProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usb",
        abstract: "List, open and talk to USB devices.",
        subcommands: [List.self, Printer.self, Hotplug.self]
    )
}

extension USBProbeCommand {
    /// `usb list`: one JSON object per device.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every USB device libusb sees, one JSON object per line.")

        func run() throws {
            try reportingUSBErrors {
                let context = try USBContext()
                for device in try context.devices().sorted(by: { ($0.bus, $0.address) < ($1.bus, $1.address) }) {
                    try printUSBLine(DeviceLine(device))
                }
            }
        }
    }

    /// `usb printer --vendor 0416 --product 5011 --send HEX --expect-reply-bytes N …`: open, claim,
    /// GET_PORT_STATUS, bulk OUT, bulk IN.
    struct Printer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a USB printer, claim its interface, read GET_PORT_STATUS, send bytes and read the reply."
        )

        @Option(help: "Vendor id in hex (0416).") var vendor: String
        @Option(help: "Product id in hex (5011).") var product: String
        @Option(help: "Serial number that picks one of several identical printers.") var serial: String?
        @Option(help: "Port (sysfs name such as 1-1.4) that picks one of several identical printers.") var port: String?
        @Option(help: "Bytes to send, in hex (spaces allowed).") var send: String = ""
        @Option(name: .customLong("expect-reply-bytes"), help: "Bytes to read back from the IN endpoint (0: read nothing).")
        var expectReplyBytes: Int = 0
        @Option(help: "Interface number.") var interface: UInt8 = 0
        @Option(name: .customLong("out-endpoint"), help: "Bulk OUT endpoint (0x01).") var outEndpoint: String = "0x01"
        @Option(name: .customLong("in-endpoint"), help: "Bulk IN endpoint (0x82).") var inEndpoint: String = "0x82"
        @Flag(name: .customLong("skip-port-status"), help: "Do not send GET_PORT_STATUS.") var skipPortStatus = false
        @Option(name: .customLong("timeout-ms"), help: "Timeout of each transfer.") var timeoutMilliseconds: Int = 2000
        @Option(name: .customLong("cancel-read-after-ms"), help: "Cancel the task reading the reply after this many milliseconds.")
        var cancelReadAfterMilliseconds: Int?
        @Option(help: "Reset the device (libusb_reset_device): before-claim or after-claim.") var reset: ResetMoment?

        func run() async throws {
            let vendor = try parseHexNumber(vendor, UInt16.self, option: "--vendor")
            let product = try parseHexNumber(product, UInt16.self, option: "--product")
            let outEndpoint = try parseHexNumber(outEndpoint, UInt8.self, option: "--out-endpoint")
            let inEndpoint = try parseHexNumber(inEndpoint, UInt8.self, option: "--in-endpoint")
            let payload = try parseHexBytes(send)
            let timeout = Duration.milliseconds(timeoutMilliseconds)

            try await reportingUSBErrors {
                let context = try USBContext()
                let printer = try context.open(vendor: vendor, product: product, serial: serial, port: port)
                defer { printer.close() }
                let info = try context.devices().first { $0.portPath == printer.device.portPath }
                try printUSBLine(EventLine(event: "opened", device: printer.device.description, port: printer.device.portPath, serial: info?.serialNumber))

                if reset == .beforeClaim {
                    try printer.reset()
                    try printUSBLine(EventLine(event: "reset"))
                }
                try printer.claimInterface(interface)
                try printUSBLine(EventLine(event: "claimed", interface: Int(interface)))
                if reset == .afterClaim {
                    try printer.reset()
                    try printUSBLine(EventLine(event: "reset"))
                }

                if !skipPortStatus {
                    let status = try await printer.printerPortStatus(interface: interface, timeout: timeout)
                    try printUSBLine(PortStatusLine(status))
                }
                if !payload.isEmpty {
                    let sent = try await printer.bulkOut(endpoint: outEndpoint, data: payload, timeout: timeout)
                    try printUSBLine(EventLine(event: "sent", bytes: sent))
                }
                if expectReplyBytes > 0 {
                    // Read whole packets: asking a bulk IN endpoint for less than a packet risks an overflow.
                    let packet = info?.interfaces.lazy.flatMap(\.endpoints).first { $0.address == inEndpoint }.map { Int($0.maxPacketSize) } ?? 64
                    let readLength = max(packet, 1) * ((expectReplyBytes + max(packet, 1) - 1) / max(packet, 1))
                    var reply: [UInt8] = []
                    while reply.count < expectReplyBytes {
                        let read = Task { try await printer.bulkIn(endpoint: inEndpoint, maxLength: readLength, timeout: timeout) }
                        if let cancelReadAfterMilliseconds {
                            try await Task.sleep(for: .milliseconds(cancelReadAfterMilliseconds))
                            read.cancel()
                        }
                        reply += try await read.value
                    }
                    try printUSBLine(EventLine(event: "reply", hex: reply.map { String(format: "%02X", $0) }.joined()))
                }
                try printer.releaseInterface(interface)
            }
        }
    }

    enum ResetMoment: String, ExpressibleByArgument {
        case beforeClaim = "before-claim"
        case afterClaim = "after-claim"
    }

    /// `usb hotplug --count N [--vendor V --product P] [--timeout-ms T]`: "ready", then hot-plug events.
    struct Hotplug: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print \"ready\", then libusb hot-plug events as JSON lines; exit 0 after --count events, 2 on timeout."
        )

        @Option(help: "Vendor id in hex.") var vendor: String?
        @Option(help: "Product id in hex.") var product: String?
        @Option(help: "Exit after this many events.") var count: Int
        @Option(name: .customLong("timeout-ms"), help: "Give up (exit status 2) after this many milliseconds.")
        var timeoutMilliseconds: Int = 10_000

        private enum Outcome: Sendable { case counted, ended, timedOut }

        func run() async throws {
            let vendor = try vendor.map { try parseHexNumber($0, UInt16.self, option: "--vendor") }
            let product = try product.map { try parseHexNumber($0, UInt16.self, option: "--product") }
            let (count, timeoutMilliseconds) = (count, timeoutMilliseconds)
            try await reportingUSBErrors {
                let context = try USBContext()
                guard context.supportsHotplug else {
                    FileHandle.standardError.write(Data("libusb cannot report hot-plug here\n".utf8))
                    throw ExitCode(3)
                }
                let events = context.hotplugEvents(vendor: vendor, product: product)
                printUSBFlushed("ready")
                let outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
                    group.addTask {
                        var seen = 0
                        for await event in events {
                            let kind: String =
                                switch event {
                                case .arrived: "arrived"
                                case .left: "left"
                                }
                            try printUSBLine(EventLine(event: kind, device: event.device.description, port: event.device.portPath))
                            seen += 1
                            if seen >= count { return .counted }
                        }
                        return .ended
                    }
                    group.addTask {
                        try await Task.sleep(for: .milliseconds(timeoutMilliseconds))
                        return .timedOut
                    }
                    let first = try await group.next() ?? .ended
                    group.cancelAll()
                    return first
                }
                switch outcome {
                case .counted:
                    return
                case .ended:
                    FileHandle.standardError.write(Data("the hot-plug stream ended before \(count) events\n".utf8))
                    throw ExitCode(1)
                case .timedOut:
                    FileHandle.standardError.write(Data("timed out after \(timeoutMilliseconds) ms waiting for \(count) events\n".utf8))
                    throw ExitCode(2)
                }
            }
        }
    }
}

// MARK: - Output lines

/// `usb list`: one device.
private struct DeviceLine: Encodable {
    struct Interface: Encodable {
        var number: Int
        var alternate: Int
        var `class`: Int
        var subclass: Int
        var `protocol`: Int
        var endpoints: [Endpoint]
    }

    struct Endpoint: Encodable {
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

    init(_ device: USBDeviceInfo) {
        vendor = String(format: "%04x", device.vendor)
        product = String(format: "%04x", device.product)
        bus = Int(device.bus)
        address = Int(device.address)
        port = device.portPath
        `class` = Int(device.deviceClass)
        serial = device.serialNumber
        interfaces = device.interfaces.map { interface in
            Interface(
                number: Int(interface.number), alternate: Int(interface.alternateSetting),
                class: Int(interface.interfaceClass), subclass: Int(interface.interfaceSubclass),
                protocol: Int(interface.interfaceProtocol),
                endpoints: interface.endpoints.map { endpoint in
                    Endpoint(
                        address: String(format: "0x%02x", endpoint.address), type: endpoint.transferType.rawValue,
                        direction: endpoint.direction.rawValue, maxPacketSize: Int(endpoint.maxPacketSize))
                })
        }
    }
}

/// `usb printer`: the GET_PORT_STATUS answer.
private struct PortStatusLine: Encodable {
    var event = "port-status"
    var raw: String
    var selected: Bool
    var noError: Bool
    var paperEmpty: Bool

    init(_ status: PrinterPortStatus) {
        raw = String(format: "%02X", status.rawValue)
        selected = status.selected
        noError = status.noError
        paperEmpty = status.paperEmpty
    }
}

/// Any other line: an event name and the fields that apply.
private struct EventLine: Encodable {
    var event: String
    var device: String?
    var port: String?
    var serial: String?
    var interface: Int?
    var bytes: Int?
    var hex: String?
    var error: String?
    var message: String?
}

// MARK: - Helpers

/// Runs `body`; a `USBError` becomes an error line on stdout, its message on stderr, and exit status 1.
private func reportingUSBErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as USBError {
        try printUSBLine(EventLine(event: "error", error: error.name, message: error.description))
        FileHandle.standardError.write(Data("kiosk-transport-probe: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

private func reportingUSBErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as USBError {
        try printUSBLine(EventLine(event: "error", error: error.name, message: error.description))
        FileHandle.standardError.write(Data("kiosk-transport-probe: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// "0416", "0x82" or "130" as a number of type `T`.
private func parseHexNumber<T: FixedWidthInteger>(_ text: String, _ type: T.Type, option: String) throws -> T {
    let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
    guard let value = T(digits, radix: 16) else { throw ValidationError("\(option) needs a hex number, got \(text)") }
    return value
}

/// "1B 40 1d5601" as bytes.
private func parseHexBytes(_ text: String) throws -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    guard digits.count.isMultiple(of: 2) else { throw ValidationError("--send needs whole bytes in hex, got \(text)") }
    return try stride(from: 0, to: digits.count, by: 2).map { index in
        guard let byte = UInt8(String(digits[index...index + 1]), radix: 16) else {
            throw ValidationError("--send needs hex digits, got \(text)")
        }
        return byte
    }
}

/// Prints a value as one JSON line (sorted keys) and flushes, so a reader on a pipe sees it at once.
private func printUSBLine(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    printUSBFlushed(String(decoding: try encoder.encode(value), as: UTF8.self))
}

private func printUSBFlushed(_ line: String) {
    print(line)
    fflush(nil)
}
