import KioskCore
import KioskTransport
import Logging

/// The ID-card reader as the device runtime keeps it: the reader opened on its serial line (or USB bulk endpoints),
/// probed through its SAM, reset or reopened to recover.
///
/// Probe: SAM status, then SAM id (`facts["samID"]`). A SAM that reports a fault is `hardwareError` with
/// `idcard.sam-failure`; a reader that does not answer is `hardwareError` with `device.not-answering`; a reader busy
/// with a citizen's card is `busy`; a missing node is `noDevice` with `device.missing`. Probes, recoveries and opens
/// take turns (`ReopenableDevice`).
public actor IDCardManagedDevice: ManagedDevice, ReopenableDevice {
    static let kind = "ID-card reader"
    static let shortKind = "reader"
    public nonisolated let id: String
    public nonisolated let endpoint: DeviceEndpoint
    private let profile: DeviceProfile
    let usb: USBContextProvider
    private let counters: (any DeviceCounterStore)?
    let logger: Logger
    var driver: IDCardReader?
    let turn = DeviceTurn()
    private var lastOpenFailure: String?

    public init(
        id: String, profile: DeviceProfile, endpoint: DeviceEndpoint, usb: USBContextProvider,
        counters: (any DeviceCounterStore)?, logger: Logger
    ) {
        self.id = id
        self.profile = profile
        self.endpoint = endpoint
        self.usb = usb
        self.counters = counters
        self.logger = logger
    }

    public nonisolated var recoverySteps: [RecoveryStep] {
        if case .usb = endpoint { return [.deviceReset, .reopen, .usbReset] }
        return [.deviceReset, .reopen]
    }

    public func start() async {
        _ = await openedInTurn()
    }

    /// The open reader, for the workflows.
    public func currentReader() async throws(DeviceUnavailable) -> IDCardReader {
        try await currentDriver()
    }

    public func probe(level: ProbeLevel) async -> ProbeReport {
        await probeInTurn { reader in await probe(reader) }
    }

    /// SAM status, then SAM id.
    private func probe(_ reader: IDCardReader) async -> ProbeReport {
        let status: SAMStatus
        do {
            status = try await reader.samStatus()
        } catch {
            return await report(error, asking: "SAM status")
        }
        if case .fault(let code) = status {
            return ProbeReport(
                deviceID: id, state: .hardwareError, fault: .idCardSAMFailure,
                detail: "SAM module reports a fault: \(code); have the reader serviced", facts: facts())
        }
        do {
            let samID = try await reader.samID()
            return ProbeReport(deviceID: id, state: .online, detail: "SAM ready, id \(samID)", facts: facts(["samID": samID]))
        } catch {
            return await report(error, asking: "SAM id")
        }
    }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        await turn.take()
        defer { turn.done() }
        switch step {
        case .deviceReset:
            guard case .open(let reader) = await opened() else {
                return RecoveryAttempt(step: step, succeeded: false, detail: lastOpenFailure ?? "the reader is not open")
            }
            do {
                try await reader.reset()
                return RecoveryAttempt(step: step, succeeded: true, detail: "SAM module reset (10 FF)")
            } catch {
                return RecoveryAttempt(step: step, succeeded: false, detail: "SAM reset failed: \(error)")
            }
        case .reopen: return await reopen(step)
        case .usbReset: return await resetOnUSB(step)
        case .reclaim, .enableQueue:
            return RecoveryAttempt(step: step, succeeded: false, detail: "\(step.rawValue) does not apply to an ID-card reader")
        }
    }

    public func stop() async {
        await closeIfOpen()
    }

    // MARK: Opening

    /// Opens the reader on its endpoint; a failure is the report a probe gives.
    func openDriver() async -> Opened<IDCardReader> {
        if let missing = missingSerialPort(facts: facts()) { return .failed(missing) }
        let configuration = IDCardReaderConfiguration(profile: profile)
        do {
            let reader: IDCardReader
            switch endpoint {
            case .serial(let path):
                reader = try await IDCardReader.open(
                    serial: SerialPort(path: path, settings: profile.serial ?? .default), configuration: configuration,
                    deviceID: id, counters: counters, logger: logger)
            case .usb(let selector):
                guard let endpoints = profile.usb else {
                    return .failed(failed(.offline, .deviceDriverError, "profile \(profile.id) names no USB endpoints"))
                }
                let handle: USBDeviceHandle
                do {
                    handle = try usb.get().open(selector)
                } catch {
                    // udev shows it bound (else the hub would not run it): present, but libusb cannot open it.
                    return .failed(failed(.offline, .deviceNotAnswering, "USB \(selector) did not open: \(error)"))
                }
                do {
                    reader = try IDCardReader.open(
                        usb: handle, endpoints: endpoints, configuration: configuration, deviceID: id, counters: counters,
                        logger: logger)
                } catch {
                    handle.close()
                    throw error
                }
            case .input, .pcsc, .cups:
                return .failed(failed(.offline, .deviceDriverError, "an ID-card reader cannot be reached at \(endpoint)"))
            }
            lastOpenFailure = nil
            return .open(reader)
        } catch {
            lastOpenFailure = "\(endpoint) did not open: \(error)"
            return .failed(failed(.offline, .deviceNotAnswering, lastOpenFailure ?? ""))
        }
    }

    func closeDriver(_ reader: IDCardReader) async {
        await reader.close()
    }

    /// The report of a failed request; a transport failure closes the reader so that the next probe reopens it.
    private func report(_ error: IDCardError, asking what: String) async -> ProbeReport {
        let detail = "\(what): \(error)"
        switch error {
        case .busy:
            return ProbeReport(deviceID: id, state: .busy, detail: "serving a card read; not disturbed", facts: facts())
        case .samFailure:
            return ProbeReport(deviceID: id, state: .hardwareError, fault: .idCardSAMFailure, detail: detail, facts: facts())
        case .noAnswer, .communication, .moduleReportedLineErrors:
            return ProbeReport(deviceID: id, state: .hardwareError, fault: .deviceNotAnswering, detail: detail, facts: facts())
        case .transport:
            await closeIfOpen()
            if case .serial(let path) = endpoint, !DeviceNode.exists(path) {
                return missing("serial port \(path) is gone")
            }
            return ProbeReport(deviceID: id, state: .offline, fault: .deviceNotAnswering, detail: detail, facts: facts())
        case .commandNotSupported, .unexpectedStatus, .transportNotSupported, .internalError:
            return ProbeReport(deviceID: id, state: .hardwareError, fault: .deviceDriverError, detail: detail, facts: facts())
        case .cancelled:
            return ProbeReport(deviceID: id, state: .offline, detail: "\(what): the probe was cancelled", facts: facts())
        case .noCard, .noCardPresented, .previousCardNotLifted, .cardLiftedDuringRead, .readFailed, .cardRejected,
            .invalidCardData:
            // A card-side answer while asking the SAM about itself: the module answered, so it is up.
            return ProbeReport(deviceID: id, state: .online, detail: detail, facts: facts())
        }
    }

    private func missing(_ detail: String) -> ProbeReport {
        ProbeReport(deviceID: id, state: .noDevice, fault: .deviceMissing, detail: detail, facts: facts())
    }

    private func failed(_ state: DeviceState, _ fault: FaultCode, _ detail: String) -> ProbeReport {
        ProbeReport(deviceID: id, state: state, fault: fault, detail: detail, facts: facts())
    }

    private func facts(_ extra: [String: String] = [:]) -> [String: String] {
        var facts = ["endpoint": endpoint.description, "profile": profile.id]
        facts.merge(extra) { _, new in new }
        return facts
    }
}
