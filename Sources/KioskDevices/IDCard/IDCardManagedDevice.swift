import KioskCore
import KioskTransport
import Logging

/// The ID-card reader as the device runtime keeps it: the reader opened on its serial line (or USB bulk endpoints),
/// probed through its SAM, reset or reopened to recover.
///
/// Probe: SAM status, then SAM id (`facts["samID"]`). A SAM that reports a fault is `hardwareError` with
/// `idcard.sam-failure`; a reader that does not answer is `hardwareError` with `device.not-answering`; a reader busy
/// with a citizen's card is `busy`; a missing node is `noDevice` with `device.missing`.
public actor IDCardManagedDevice: ManagedDevice {
    public nonisolated let id: String
    public nonisolated let endpoint: DeviceEndpoint
    private let profile: DeviceProfile
    private let usb: USBContextProvider
    private let counters: (any DeviceCounterStore)?
    private let logger: Logger
    private var reader: IDCardReader?
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
        _ = await opened()
    }

    /// The open reader, for the workflows.
    public func currentReader() async throws(DeviceUnavailable) -> IDCardReader {
        switch await opened() {
        case .open(let reader): return reader
        case .failed(let report):
            if report.state == .noDevice { throw .notPresent(id: id, detail: report.detail) }
            throw .notOpen(id: id, detail: report.detail)
        }
    }

    public func probe(level: ProbeLevel) async -> ProbeReport {
        let reader: IDCardReader
        switch await opened() {
        case .open(let open): reader = open
        case .failed(let report): return report
        }
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
        case .reopen:
            await stop()
            switch await opened() {
            case .open: return RecoveryAttempt(step: step, succeeded: true, detail: "\(endpoint) closed and opened again")
            case .failed(let report): return RecoveryAttempt(step: step, succeeded: false, detail: report.detail)
            }
        case .usbReset:
            guard case .usb(let selector) = endpoint else {
                return RecoveryAttempt(step: step, succeeded: false, detail: "the reader is not on USB")
            }
            await stop()
            do {
                let handle = try usb.get().open(selector)
                defer { handle.close() }
                try handle.reset()
                return RecoveryAttempt(step: step, succeeded: true, detail: "USB \(selector) reset")
            } catch {
                return RecoveryAttempt(step: step, succeeded: false, detail: "USB reset failed: \(error)")
            }
        case .reclaim, .enableQueue:
            return RecoveryAttempt(step: step, succeeded: false, detail: "\(step.rawValue) does not apply to an ID-card reader")
        }
    }

    public func stop() async {
        if let reader {
            self.reader = nil
            await reader.close()
        }
    }

    // MARK: Opening

    /// The reader, opened now if it was not; a failure is the report a probe gives.
    private func opened() async -> Opened<IDCardReader> {
        if let reader { return .open(reader) }
        let configuration = IDCardReaderConfiguration(profile: profile)
        do {
            let reader: IDCardReader
            switch endpoint {
            case .serial(let path):
                guard DeviceNode.exists(path) else {
                    return .failed(missing("serial port \(path) does not exist"))
                }
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
            // Another task may have opened it while this one waited.
            if let existing = self.reader {
                await reader.close()
                return .open(existing)
            }
            self.reader = reader
            lastOpenFailure = nil
            logger.info("ID-card reader opened", metadata: ["endpoint": "\(endpoint)"])
            return .open(reader)
        } catch {
            lastOpenFailure = "\(endpoint) did not open: \(error)"
            return .failed(failed(.offline, .deviceNotAnswering, lastOpenFailure ?? ""))
        }
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
            await stop()
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
