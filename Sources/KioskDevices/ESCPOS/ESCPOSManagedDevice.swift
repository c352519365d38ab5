import KioskCore
import KioskTransport
import Logging

/// The receipt printer as the device runtime keeps it: opened on its serial line or USB interface, probed with
/// `DLE EOT 1…4`, reopened (or reset on the bus) to recover.
///
/// Probe: paper out and cover open are `userError` (`printer.paper-out`, `printer.cover-open`); cutter and
/// unrecoverable errors `hardwareError`; offline or silent `offline`; unplugged `noDevice` (`device.missing`);
/// paper near end stays `online` with `printer.paper-near-end`. `facts["status"]` is the decoded status.
/// Probes, recoveries and opens take turns (`ReopenableDevice`): two `DLE EOT` exchanges never share the line.
public actor ESCPOSManagedDevice: ManagedDevice, ReopenableDevice {
    static let kind = "receipt printer"
    static let shortKind = "printer"
    public nonisolated let id: String
    public nonisolated let endpoint: DeviceEndpoint
    private let profile: DeviceProfile
    private let configuration: ESCPOSConfiguration
    let usb: USBContextProvider
    private let counters: (any DeviceCounterStore)?
    let logger: Logger
    var driver: ESCPOSPrinter?
    let turn = DeviceTurn()

    public init(
        id: String, profile: DeviceProfile, endpoint: DeviceEndpoint, usb: USBContextProvider,
        counters: (any DeviceCounterStore)?, logger: Logger
    ) {
        self.id = id
        self.profile = profile
        self.configuration = ESCPOSConfiguration(profile: profile)
        self.endpoint = endpoint
        self.usb = usb
        self.counters = counters
        self.logger = logger
    }

    public nonisolated var recoverySteps: [RecoveryStep] {
        if case .usb = endpoint { return [.reopen, .usbReset] }
        return [.reopen]
    }

    public func start() async {
        _ = await openedInTurn()
    }

    /// The open printer, for the workflows.
    public func currentPrinter() async throws(DeviceUnavailable) -> ESCPOSPrinter {
        try await currentDriver()
    }

    public func probe(level: ProbeLevel) async -> ProbeReport {
        await probeInTurn { printer in
            do throws(PrinterError) {
                let status = try await printer.status()
                return report(status)
            } catch {
                return await report(error)
            }
        }
    }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        await turn.take()
        defer { turn.done() }
        switch step {
        case .reopen: return await reopen(step)
        case .usbReset: return await resetOnUSB(step)
        case .reclaim, .deviceReset, .enableQueue:
            return RecoveryAttempt(step: step, succeeded: false, detail: "\(step.rawValue) is not offered for a receipt printer")
        }
    }

    public func stop() async {
        await closeIfOpen()
    }

    // MARK: Reports

    /// The report a status gives, in the order the driver refuses a print.
    func report(_ status: PrinterStatus) -> ProbeReport {
        let facts = facts(["status": status.description])
        guard let refusal = ESCPOSConversation.refusal(status, paperWidth: configuration.paperWidth) else {
            if status.paperNearEnd {
                return ProbeReport(
                    deviceID: id, state: .online, fault: .printerPaperNearEnd,
                    detail: "DLE EOT: \(status) — have a \(configuration.paperWidth.rawValue) mm roll ready", facts: facts)
            }
            return ProbeReport(deviceID: id, state: .online, detail: "DLE EOT: \(status)", facts: facts)
        }
        let detail = "DLE EOT: \(status) — \(refusal)"
        switch refusal {
        case .paperOut: return ProbeReport(deviceID: id, state: .userError, fault: .printerPaperOut, detail: detail, facts: facts)
        case .coverOpen: return ProbeReport(deviceID: id, state: .userError, fault: .printerCoverOpen, detail: detail, facts: facts)
        case .cutterError: return ProbeReport(deviceID: id, state: .hardwareError, fault: .printerCutterError, detail: detail, facts: facts)
        case .unrecoverable: return ProbeReport(deviceID: id, state: .hardwareError, fault: .printerUnrecoverable, detail: detail, facts: facts)
        case .recovering, .offline, .interrupted, .noAnswer, .disconnected, .unavailable, .invalidReceipt, .cancelled:
            return ProbeReport(deviceID: id, state: .offline, fault: .printerOffline, detail: detail, facts: facts)
        }
    }

    /// The report of a failed status request; an unplugged printer is closed so that the next probe reopens it.
    private func report(_ error: PrinterError) async -> ProbeReport {
        switch error {
        case .disconnected:
            await closeIfOpen()
            return ProbeReport(deviceID: id, state: .noDevice, fault: .deviceMissing, detail: error.description, facts: facts())
        case .noAnswer:
            return ProbeReport(deviceID: id, state: .offline, fault: .deviceNotAnswering, detail: error.description, facts: facts())
        case .unavailable:
            await closeIfOpen()
            return ProbeReport(deviceID: id, state: .offline, fault: .deviceDriverError, detail: error.description, facts: facts())
        case .cancelled:
            return ProbeReport(deviceID: id, state: .offline, detail: "the probe was cancelled", facts: facts())
        case .paperOut, .coverOpen, .cutterError, .unrecoverable, .recovering, .offline, .interrupted, .invalidReceipt:
            return ProbeReport(deviceID: id, state: .offline, fault: .deviceDriverError, detail: error.description, facts: facts())
        }
    }

    // MARK: Opening

    /// Opens the printer on its endpoint; a failure is the report a probe gives.
    func openDriver() async -> Opened<ESCPOSPrinter> {
        if let missing = missingSerialPort(facts: facts()) { return .failed(missing) }
        do throws(PrinterError) {
            switch endpoint {
            case .serial(let path):
                return .open(try await ESCPOSPrinter.open(
                    serial: SerialPort(path: path, settings: profile.serial ?? .default), deviceID: id,
                    configuration: configuration, counters: counters, logger: logger))
            case .usb(let selector):
                guard let endpoints = profile.usb else {
                    return .failed(ProbeReport(
                        deviceID: id, state: .offline, fault: .deviceDriverError, detail: "profile \(profile.id) names no USB endpoints",
                        facts: facts()))
                }
                let context: USBContext
                do {
                    context = try usb.get()
                } catch {
                    return .failed(ProbeReport(
                        deviceID: id, state: .offline, fault: .deviceDriverError, detail: "libusb did not start: \(error)", facts: facts()))
                }
                return .open(try await ESCPOSPrinter.open(
                    usb: context, selector: selector, endpoints: endpoints, deviceID: id, configuration: configuration,
                    counters: counters, logger: logger))
            case .input, .pcsc, .cups:
                return .failed(ProbeReport(
                    deviceID: id, state: .offline, fault: .deviceDriverError, detail: "a receipt printer cannot be reached at \(endpoint)",
                    facts: facts()))
            }
        } catch {
            // A serial node that vanished is a missing printer; a USB device udev still shows bound but libusb cannot
            // open is present and not answering (a truly unplugged one is stopped by the registry's event first).
            if case .disconnected = error, case .serial = endpoint {
                return .failed(ProbeReport(deviceID: id, state: .noDevice, fault: .deviceMissing, detail: error.description, facts: facts()))
            }
            return .failed(ProbeReport(deviceID: id, state: .offline, fault: .deviceNotAnswering, detail: error.description, facts: facts()))
        }
    }

    func closeDriver(_ printer: ESCPOSPrinter) async {
        await printer.close()
    }

    private func facts(_ extra: [String: String] = [:]) -> [String: String] {
        var facts = ["endpoint": endpoint.description, "profile": profile.id, "paperWidth": "\(configuration.paperWidth.rawValue) mm"]
        facts.merge(extra) { _, new in new }
        return facts
    }
}
