import KioskCore
import KioskTransport
import Logging

/// A resident-ID-card reader with a GA 467 SAM module, on a serial line or USB bulk endpoints.
///
/// One request at a time: a second one while another runs fails with `IDCardError.busy` (the health probe then
/// reports the reader busy rather than disturb a citizen's read). The lift-and-present-again rule holds across
/// calls of `waitForCard`: a card left on the reader is not read twice.
public actor IDCardReader {
    /// The configuration in force.
    public nonisolated let configuration: IDCardReaderConfiguration
    /// The device id counters are kept under (the configuration's device id).
    public nonisolated let deviceID: String

    private let link: any IDCardLink
    private let counters: (any DeviceCounterStore)?
    private let logger: Logger
    private let clock = ContinuousClock()
    private var machine: IDCardReaderStateMachine<ContinuousClock.Instant>
    private var busy = false

    init(
        link: any IDCardLink, configuration: IDCardReaderConfiguration, deviceID: String,
        counters: (any DeviceCounterStore)?, logger: Logger
    ) {
        self.link = link
        self.configuration = configuration
        self.deviceID = deviceID
        self.counters = counters
        self.logger = logger
        self.machine = IDCardReaderStateMachine(configuration: configuration)
    }

    /// Opens `port` and speaks GA 467 on it; response timeouts follow `port.settings.baud`.
    public static func open(
        serial port: SerialPort,
        configuration: IDCardReaderConfiguration = IDCardReaderConfiguration(),
        deviceID: String = "id-reader",
        counters: (any DeviceCounterStore)? = nil,
        logger: Logger
    ) async throws(IDCardError) -> IDCardReader {
        var logger = logger
        logger[metadataKey: "device"] = "\(deviceID)"
        var configuration = configuration
        configuration.baud = port.settings.baud
        let connection: SerialConnection
        do {
            connection = try await port.open(logger: logger)
        } catch {
            throw .transport(error.description)
        }
        let link: IDCardSerialLink
        do {
            link = try await IDCardSerialLink.attach(to: connection)
        } catch {
            await connection.close()
            throw error
        }
        return IDCardReader(link: link, configuration: configuration, deviceID: deviceID, counters: counters, logger: logger)
    }

    /// Speaks GA 467 over the bulk endpoints of an opened USB device, claiming `endpoints.interface`.
    ///
    /// (unverified) Written against PROTOCOLS.md and the USB transport, not yet tried on a USB-bulk module.
    public static func open(
        usb handle: USBDeviceHandle,
        endpoints: USBEndpoints,
        configuration: IDCardReaderConfiguration = IDCardReaderConfiguration(),
        deviceID: String = "id-reader",
        counters: (any DeviceCounterStore)? = nil,
        logger: Logger
    ) throws(IDCardError) -> IDCardReader {
        guard let endpointIn = endpoints.endpointIn else {
            throw .transportNotSupported("the profile names no bulk IN endpoint (usb.endpoint_in) for the ID-card reader")
        }
        guard let interface = UInt8(exactly: endpoints.interface) else {
            throw .transportNotSupported("USB interface \(endpoints.interface) is out of range")
        }
        do {
            try handle.claimInterface(interface)
        } catch {
            throw .transport("\(error)")
        }
        var logger = logger
        logger[metadataKey: "device"] = "\(deviceID)"
        let link = IDCardUSBLink(handle: handle, endpointOut: endpoints.endpointOut, endpointIn: endpointIn)
        return IDCardReader(link: link, configuration: configuration, deviceID: deviceID, counters: counters, logger: logger)
    }

    // MARK: Cards

    /// Waits up to `timeout` for a card to be presented and reads it.
    ///
    /// The deadline is checked between polls: a read that has begun is finished (or fails) first.
    public func waitForCard(timeout: Duration) async throws(IDCardError) -> IDCardHolder {
        try begin()
        defer { end() }
        return try await run(machine.waitForCard(timeout: timeout, now: clock.now))
    }

    /// Reads the card on the reader now; `IDCardError.noCard` when there is none (or the module wants it presented again).
    public func read() async throws(IDCardError) -> IDCardHolder {
        try begin()
        defer { end() }
        return try await run(machine.readCard(now: clock.now))
    }

    // MARK: SAM

    /// The SAM module's own status (`11 FF`).
    public func samStatus() async throws(IDCardError) -> SAMStatus {
        try begin()
        defer { end() }
        let response = try await exchange(.samStatus)
        switch response.status {
        case .success: return .ready
        case .cardFound, .itemNotOnCard, .findFailed, .selectFailed, .readFailed, .hostChecksumError, .hostLengthError,
            .badCommand, .unknownError, .cardAuthenticationFailed, .samAuthenticationFailed, .informationCheckFailed,
            .unknownCardType, .randomNumberError, .samSelfTestFailed, .samNotAuthorised, .unknown:
            return .fault(response.status)
        }
    }

    /// The SAM module's id (`12 FF`), formatted as `05.01-20240101-0001234567-0987654321`.
    public func samID() async throws(IDCardError) -> String {
        try begin()
        defer { end() }
        let response = try await exchange(.samID)
        try Self.expectSuccess(response, to: .samID)
        do {
            return try SAMIdentifier.format(response.data)
        } catch {
            throw .invalidCardData(error)
        }
    }

    /// Resets the SAM module (`10 FF`).
    public func reset() async throws(IDCardError) {
        try begin()
        defer { end() }
        try Self.expectSuccess(try await exchange(.resetSAM), to: .resetSAM)
    }

    /// Closes the transport; later requests fail with `IDCardError.transport`.
    public func close() async {
        await link.close()
    }

    // MARK: Running

    private func begin() throws(IDCardError) {
        guard !busy else { throw .busy }
        busy = true
    }

    private func end() {
        busy = false
    }

    /// Carries out the state machine's actions until it delivers or fails.
    private func run(_ first: IDCardReaderStateMachine<ContinuousClock.Instant>.Action) async throws(IDCardError) -> IDCardHolder {
        var action = first
        while true {
            switch action {
            case .sendCommand(let command, let timeout):
                let event: IDCardLinkEvent
                do {
                    event = try await link.exchange(command, timeout: timeout)
                } catch {
                    machine.abandon()
                    await count(error)
                    throw error
                }
                switch event {
                case .response(let response):
                    action = machine.received(response, now: clock.now)
                case .malformed(let error):
                    logger.debug("damaged frame from the ID-card reader", metadata: ["idcard.command": "\(command.name)", "idcard.error": "\(error)"])
                    action = machine.exchangeFailed(.malformed(error), now: clock.now)
                case .timedOut:
                    logger.debug("no answer from the ID-card reader", metadata: ["idcard.command": "\(command.name)"])
                    action = machine.exchangeFailed(.timedOut, now: clock.now)
                }
            case .wait(let duration):
                do {
                    try await clock.sleep(for: duration)
                } catch {
                    machine.abandon()
                    throw .cancelled
                }
                action = machine.waited(now: clock.now)
            case .deliver(let holder):
                logger.info("ID card read")
                await add(["cards_read": 1])
                return holder
            case .fail(let error):
                await count(error)
                throw error
            }
        }
    }

    /// One command and its response, retried on silence, damaged frames and line errors the module reports.
    private func exchange(_ command: IDCardCommand) async throws(IDCardError) -> IDCardResponse {
        var lastFailure = IDCardError.noAnswer(command: command.name, attempts: 0)
        for attempt in 1...(configuration.retries + 1) {
            switch try await link.exchange(command, timeout: configuration.responseTimeout(for: command)) {
            case .response(let response):
                switch response.status {
                case .hostChecksumError, .hostLengthError:
                    lastFailure = .moduleReportedLineErrors(response.status, attempts: attempt)
                case .success, .cardFound, .itemNotOnCard, .findFailed, .selectFailed, .readFailed, .badCommand,
                    .unknownError, .cardAuthenticationFailed, .samAuthenticationFailed, .informationCheckFailed,
                    .unknownCardType, .randomNumberError, .samSelfTestFailed, .samNotAuthorised, .unknown:
                    return response
                }
            case .malformed(let error):
                lastFailure = .communication(error, attempts: attempt)
            case .timedOut:
                lastFailure = .noAnswer(command: command.name, attempts: attempt)
            }
        }
        throw lastFailure
    }

    private static func expectSuccess(_ response: IDCardResponse, to command: IDCardCommand) throws(IDCardError) {
        if response.status == .success { return }
        if response.status.isSAMFault { throw .samFailure(response.status) }
        throw .unexpectedStatus(command: command.name, status: response.status)
    }

    // MARK: Counters

    private func count(_ error: IDCardError) async {
        switch error {
        case .noCard, .noCardPresented, .previousCardNotLifted, .cancelled, .busy:
            return
        case .cardLiftedDuringRead, .readFailed, .cardRejected, .samFailure, .noAnswer, .communication,
            .moduleReportedLineErrors, .commandNotSupported, .unexpectedStatus, .invalidCardData, .transport,
            .transportNotSupported, .internalError:
            logger.info("ID card read failed", metadata: ["idcard.error": "\(error)"])
            await add(["read_errors": 1])
        }
    }

    private func add(_ amounts: [String: Int64]) async {
        guard let counters else { return }
        do {
            try await counters.add(amounts, to: deviceID)
        } catch {
            logger.debug("ID-card counters not updated", metadata: ["error": "\(error)"])
        }
    }
}
