import KioskCore
import KioskTransport
import Logging

/// A managed device whose driver stays open between uses (the receipt printer, the ID-card reader): opened when
/// first needed, closed on `stop()` or when a probe finds the transport broken, closed and opened again or reset
/// on the USB bus to recover. Probes, recoveries and opens take turns (`turn`), so that a scheduled probe, an
/// explicit one and a workflow asking for the driver never open the device or talk to it at the same time.
///
/// A family provides how its driver is opened and closed; the rest is shared here.
protocol ReopenableDevice: ManagedDevice, Actor {
    associatedtype Driver: Sendable
    /// What the device is, in logs and recovery details ("receipt printer").
    static var kind: String { get }
    /// The same, short ("printer").
    static var shortKind: String { get }
    /// Where the device is reached.
    var endpoint: DeviceEndpoint { get }
    /// libusb, for the USB reset.
    var usb: USBContextProvider { get }
    var logger: Logger { get }
    /// The open driver; nil while closed.
    var driver: Driver? { get set }
    /// Held by each probe, recovery and open.
    var turn: DeviceTurn { get }
    /// Opens the driver now; a failure is the report a probe gives.
    func openDriver() async -> Opened<Driver>
    /// Closes the driver (best effort).
    func closeDriver(_ driver: Driver) async
}

extension ReopenableDevice {
    /// The driver, opened now if it was not; a failure is the report a probe gives. Call it in the device's turn.
    func opened() async -> Opened<Driver> {
        if let driver { return .open(driver) }
        let opened = await openDriver()
        if case .open(let driver) = opened {
            self.driver = driver
            logger.info("\(Self.kind) opened", metadata: ["endpoint": "\(endpoint)"])
        }
        return opened
    }

    /// Opens the driver in the device's turn, if it was not open (the runtime's `start()`).
    func openedInTurn() async -> Opened<Driver> {
        await turn.take()
        defer { turn.done() }
        return await opened()
    }

    /// A probe in the device's turn: `body` with the driver (opened first if need be), or the report of why it
    /// did not open.
    func probeInTurn(_ body: (Driver) async -> ProbeReport) async -> ProbeReport {
        await turn.take()
        defer { turn.done() }
        switch await opened() {
        case .open(let driver): return await body(driver)
        case .failed(let report): return report
        }
    }

    /// The open driver, for the workflows, or why there is none.
    func currentDriver() async throws(DeviceUnavailable) -> Driver {
        switch await openedInTurn() {
        case .open(let driver): return driver
        case .failed(let report):
            if report.state == .noDevice { throw .notPresent(id: id, detail: report.detail) }
            throw .notOpen(id: id, detail: report.detail)
        }
    }

    /// Closes the driver if it is open; the next use opens it again. It does not wait for the turn, so that an
    /// unplugged device's driver closes at once and a use still in flight fails fast.
    func closeIfOpen() async {
        if let driver {
            self.driver = nil
            await closeDriver(driver)
        }
    }

    /// The `.reopen` recovery: closed and opened again. Call it in the device's turn.
    func reopen(_ step: RecoveryStep) async -> RecoveryAttempt {
        await closeIfOpen()
        switch await opened() {
        case .open: return RecoveryAttempt(step: step, succeeded: true, detail: "\(endpoint) closed and opened again")
        case .failed(let report): return RecoveryAttempt(step: step, succeeded: false, detail: report.detail)
        }
    }

    /// The `.usbReset` recovery: closed, then reset on the bus (the next use opens it again). Call it in the turn.
    func resetOnUSB(_ step: RecoveryStep) async -> RecoveryAttempt {
        guard case .usb(let selector) = endpoint else {
            return RecoveryAttempt(step: step, succeeded: false, detail: "the \(Self.shortKind) is not on USB")
        }
        await closeIfOpen()
        do {
            let handle = try usb.get().open(selector)
            defer { handle.close() }
            try handle.reset()
            return RecoveryAttempt(step: step, succeeded: true, detail: "USB \(selector) reset")
        } catch {
            return RecoveryAttempt(step: step, succeeded: false, detail: "USB reset failed: \(error)")
        }
    }

    /// The report of a serial port that does not exist, nil when it does (or the device is not on a serial line).
    func missingSerialPort(facts: [String: String]) -> ProbeReport? {
        guard case .serial(let path) = endpoint, !DeviceNode.exists(path) else { return nil }
        return ProbeReport(deviceID: id, state: .noDevice, fault: .deviceMissing, detail: "serial port \(path) does not exist", facts: facts)
    }
}
