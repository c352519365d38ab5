import ArgumentParser
import Foundation
import KioskCore
import KioskDevices
import KioskTransport
import Logging

/// `kiosk-transport-probe idcard-usb --vendor 1209 --product 0467 sam|read`: opens a GA 467 ID-card reader over
/// USB bulk the way kioskd does (`USBContext.open`, then `IDCardReader.open(usb:endpoints:…)`, which claims the
/// interface and speaks through `IDCardUSBLink`), runs one request and prints one JSON line.
///
/// `sam`: `{"event":"sam","samID":…,"samStatus":"ready","state":"online"}`. `read`: the holder's masked name and
/// ID number only (never the clear values), the photo's size and the state. On an `IDCardError` or a `USBError`:
/// `{"event":"error","error":CASE,"message":…,"state":…}`, the message on stderr too, exit status 1.
struct IDCardUSBProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idcard-usb",
        abstract: "Open a GA 467 ID-card reader over USB bulk, ask its SAM or read the card, print one JSON line."
    )

    enum Request: String, ExpressibleByArgument {
        case sam
        case read
    }

    @Option(help: "Vendor id in hex.") var vendor: String
    @Option(help: "Product id in hex.") var product: String
    @Option(help: "Serial number that picks one of several identical readers.") var serial: String?
    @Option(help: "Interface number (the profile's usb.interface).") var interface: Int = 0
    @Option(name: .customLong("out-endpoint"), help: "Bulk OUT endpoint (the profile's 0x02).") var outEndpoint: String = "0x02"
    @Option(name: .customLong("in-endpoint"), help: "Bulk IN endpoint (the profile's 0x81).") var inEndpoint: String = "0x81"
    @Option(help: "Extra attempts of a failed find/select/read sequence (0…5).") var retries: Int = 2
    @Flag(help: "Log the driver's debug lines to stderr.") var verbose = false
    @Argument(help: "sam: SAM status and id; read: read the card on the reader.") var request: Request

    func run() async throws {
        let vendor = try hexNumber(vendor, UInt16.self, option: "--vendor")
        let product = try hexNumber(product, UInt16.self, option: "--product")
        let endpoints = USBEndpoints(
            interface: interface, endpointOut: try hexNumber(outEndpoint, UInt8.self, option: "--out-endpoint"),
            endpointIn: try hexNumber(inEndpoint, UInt8.self, option: "--in-endpoint"))
        var logger = Logger(label: "kiosk-transport-probe.idcard") { label -> any LogHandler in
            verbose ? StreamLogHandler.standardError(label: label) : SwiftLogNoOpLogHandler()
        }
        logger.logLevel = verbose ? Logger.Level.debug : Logger.Level.info

        let handle: USBDeviceHandle
        do {
            handle = try USBContext().open(vendor: vendor, product: product, serial: serial)
        } catch {
            try fail(name: error.name, message: error.description, state: .noDevice)
        }
        let reader: IDCardReader
        do {
            reader = try IDCardReader.open(
                usb: handle, endpoints: endpoints, configuration: IDCardReaderConfiguration(retries: retries), logger: logger)
        } catch {
            handle.close()
            try fail(error)
        }

        do {
            switch request {
            case .sam:
                let status = try await reader.samStatus()
                switch status {
                case .ready:
                    let id = try await reader.samID()
                    try printLine(Line(event: "sam", state: DeviceState.online.rawValue, samStatus: "ready", samID: id))
                case .fault(let code):
                    try printLine(Line(event: "sam", state: DeviceState.hardwareError.rawValue, samStatus: "fault", message: "\(code)"))
                }
            case .read:
                var holder = try await reader.read()
                defer { holder.wipe() }
                try printLine(
                    Line(
                        event: "card", state: DeviceState.online.rawValue, maskedName: holder.maskedName,
                        maskedIDNumber: holder.maskedIDNumber, photoBytes: holder.photo.bytes.count,
                        appendedAddress: holder.appendedAddress != nil))
            }
        } catch let error as IDCardError {
            await reader.close()
            try fail(error)
        }
        await reader.close()
    }

    /// Prints the error line (card-side errors leave the reader online, as the health probe counts them) and exits 1.
    private func fail(_ error: IDCardError) throws -> Never {
        try fail(name: Self.name(of: error), message: error.description, state: error.deviceState ?? .online)
    }

    private func fail(name: String, message: String, state: DeviceState) throws -> Never {
        try printLine(Line(event: "error", state: state.rawValue, error: name, message: message))
        FileHandle.standardError.write(Data("kiosk-transport-probe: \(message)\n".utf8))
        throw ExitCode(1)
    }

    /// The case's name, for tests to match on (messages never hold personal data either).
    static func name(of error: IDCardError) -> String {
        switch error {
        case .noCard: "noCard"
        case .noCardPresented: "noCardPresented"
        case .previousCardNotLifted: "previousCardNotLifted"
        case .cardLiftedDuringRead: "cardLiftedDuringRead"
        case .readFailed: "readFailed"
        case .cardRejected: "cardRejected"
        case .samFailure: "samFailure"
        case .noAnswer: "noAnswer"
        case .communication: "communication"
        case .moduleReportedLineErrors: "moduleReportedLineErrors"
        case .commandNotSupported: "commandNotSupported"
        case .unexpectedStatus: "unexpectedStatus"
        case .invalidCardData: "invalidCardData"
        case .transport: "transport"
        case .busy: "busy"
        case .cancelled: "cancelled"
        case .transportNotSupported: "transportNotSupported"
        case .internalError: "internalError"
        }
    }

    /// The one line printed; only the fields that apply are set.
    private struct Line: Encodable {
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

    private func printLine(_ line: Line) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(line), as: UTF8.self))
        fflush(nil)
    }

    /// "1209", "0x81" as a number of type `T`.
    private func hexNumber<T: FixedWidthInteger>(_ text: String, _ type: T.Type, option: String) throws -> T {
        let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
        guard let value = T(digits, radix: 16) else { throw ValidationError("\(option) needs a hex number, got \(text)") }
        return value
    }
}
