/// The find → select → read conversation with a GA 467 module, as a value type that is told what happened and answers
/// with what to do next. It does no I/O and reads no clock: every event carries `now` from the driver's clock.
///
/// Rules it keeps:
/// - **Lift and present again.** After a read (good or not), a card is not read again until "find card" has failed
///   once (the card left the reader): the same card left on the reader is not read twice while waiting for a card.
///   A card found before that is read once per wait to tell it apart (by a keyed hash of its ID number, kept in
///   memory only): another citizen's card put down before the kiosk looked is delivered, the same card is not.
///   `readCard` (an explicit request) does not wait for that, but most modules refuse "find card" until the card was
///   lifted anyway.
/// - **Retries.** A failed find/select/read sequence (no answer, a damaged frame, a read failure) starts again from
///   "find card", at most `configuration.retries` more times. If the card is then gone, it was lifted during the read.
/// - **Timeouts.** Each command carries its response timeout; `waitForCard` ends at its deadline, checked between polls.
public struct IDCardReaderStateMachine<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// What the driver must do next.
    public enum Action: Sendable, Equatable {
        /// Send `command`, then report its response (`received`) or why none came (`exchangeFailed`).
        case sendCommand(IDCardCommand, timeout: Duration)
        /// Sleep `duration`, then call `waited`.
        case wait(Duration)
        /// The operation ended with a card.
        case deliver(IDCardHolder)
        /// The operation ended with an error.
        case fail(IDCardError)
    }

    /// Why an exchange gave no response.
    public enum ExchangeFailure: Sendable, Equatable {
        /// Nothing (or no complete frame) came within the command's timeout.
        case timedOut
        /// A damaged frame came.
        case malformed(IDCardCodecError)
    }

    /// The configuration in force.
    public let configuration: IDCardReaderConfiguration
    private var state: State = .idle
    /// A card was read and "find card" has not failed since: it may still be on the reader.
    public private(set) var awaitingLift = false
    /// A keyed hash (Swift's per-process random seed) of the ID number last delivered while `awaitingLift`; never
    /// the number itself, and gone once the card is seen to leave.
    private var lastCard: Int?

    public init(configuration: IDCardReaderConfiguration) {
        self.configuration = configuration
    }

    /// True when no operation is running.
    public var isIdle: Bool {
        switch state {
        case .idle: true
        case .running: false
        }
    }

    // MARK: Starting

    /// Starts waiting for a card, polling "find card", for at most `timeout`.
    public mutating func waitForCard(timeout: Duration, now: Instant) -> Action {
        start(Operation(mode: .waitForCard(deadline: now.advanced(by: timeout), timeout: timeout)))
    }

    /// Starts reading the card on the reader now: no polling; no card ends with `IDCardError.noCard`.
    public mutating func readCard(now: Instant) -> Action {
        start(Operation(mode: .readOnce))
    }

    /// Drops the running operation (its task was cancelled or the transport failed); the lift rule is kept.
    public mutating func abandon() {
        state = .idle
    }

    // MARK: Events

    /// The response to the command last sent.
    public mutating func received(_ response: IDCardResponse, now: Instant) -> Action {
        guard case .running(var operation) = state else {
            return .fail(.internalError("a response arrived with no operation running"))
        }
        if response.status.isSAMFault {
            return finish(.fail(.samFailure(response.status)))
        }
        switch operation.step {
        case .finding:
            return found(response.status, operation: &operation, now: now)
        case .selecting:
            return selected(response.status, operation: &operation, now: now)
        case .reading:
            return read(response, operation: &operation, now: now)
        case .readingAddress(let payload):
            return readAddress(response, payload: payload, operation: &operation, now: now)
        case .pausing:
            return finish(.fail(.internalError("a response arrived while no command was outstanding")))
        }
    }

    /// The command last sent got no usable response.
    public mutating func exchangeFailed(_ failure: ExchangeFailure, now: Instant) -> Action {
        guard case .running(var operation) = state else {
            return .fail(.internalError("an exchange failed with no operation running"))
        }
        guard let command = operation.step.command(configuration) else {
            return finish(.fail(.internalError("an exchange failed while no command was outstanding")))
        }
        switch failure {
        case .timedOut: return retry(.timedOut(command), operation: &operation, now: now)
        case .malformed(let error): return retry(.malformed(error), operation: &operation, now: now)
        }
    }

    /// The wait asked for has passed.
    public mutating func waited(now: Instant) -> Action {
        guard case .running(var operation) = state else {
            return .fail(.internalError("a wait ended with no operation running"))
        }
        switch operation.step {
        case .pausing:
            if let expired = operation.expiry(now: now, awaitingLift: awaitingLift) { return finish(.fail(expired)) }
            return send(.findCard, step: .finding, operation: &operation)
        case .finding, .selecting, .reading, .readingAddress:
            return finish(.fail(.internalError("a wait ended while a command was outstanding")))
        }
    }

    // MARK: Steps

    private mutating func start(_ operation: Operation) -> Action {
        guard isIdle else { return .fail(.busy) }
        var operation = operation
        return send(.findCard, step: .finding, operation: &operation)
    }

    private mutating func found(_ status: IDCardStatus, operation: inout Operation, now: Instant) -> Action {
        switch status {
        case .cardFound:
            switch operation.mode {
            case .waitForCard where awaitingLift && (lastCard == nil || operation.sameCardSeen):
                // The card read before is still there: do not read it again.
                return pause(operation: &operation, now: now)
            case .waitForCard where awaitingLift:
                // A card, and none has been seen to leave: read it once to tell whether it is the one read before.
                operation.checkingSameCard = true
                return send(.selectCard, step: .selecting, operation: &operation)
            case .waitForCard, .readOnce:
                return send(.selectCard, step: .selecting, operation: &operation)
            }
        case .findFailed:
            awaitingLift = false
            lastCard = nil
            if operation.checkingSameCard {
                // Lifted while it was read only to recognise it: the reader is now empty, which is all that was asked.
                operation.checkingSameCard = false
                operation.cardSelected = false
                operation.failures = 0
            }
            if operation.cardSelected { return finish(.fail(.cardLiftedDuringRead)) }
            switch operation.mode {
            case .readOnce:
                return finish(.fail(.noCard))
            case .waitForCard:
                operation.failures = 0
                return pause(operation: &operation, now: now)
            }
        case .success, .itemNotOnCard, .selectFailed, .readFailed, .hostChecksumError, .hostLengthError, .badCommand,
            .unknownError, .cardAuthenticationFailed, .samAuthenticationFailed, .informationCheckFailed, .unknownCardType,
            .randomNumberError, .samSelfTestFailed, .samNotAuthorised, .unknown:
            return retry(.status(.findCard, status), operation: &operation, now: now)
        }
    }

    private mutating func selected(_ status: IDCardStatus, operation: inout Operation, now: Instant) -> Action {
        switch status {
        case .success:
            operation.cardSelected = true
            return send(configuration.readCommand, step: .reading, operation: &operation)
        case .cardFound, .itemNotOnCard, .findFailed, .selectFailed, .readFailed, .hostChecksumError, .hostLengthError,
            .badCommand, .unknownError, .cardAuthenticationFailed, .samAuthenticationFailed, .informationCheckFailed,
            .unknownCardType, .randomNumberError, .samSelfTestFailed, .samNotAuthorised, .unknown:
            return retry(.status(.selectCard, status), operation: &operation, now: now)
        }
    }

    private mutating func read(_ response: IDCardResponse, operation: inout Operation, now: Instant) -> Action {
        let command = configuration.readCommand
        switch response.status {
        case .success:
            let payload: IDCardReadPayload
            do {
                payload = try IDCardReadPayload(data: response.data, withFingerprint: configuration.readFingerprint)
            } catch {
                return unreadable(error)
            }
            guard configuration.readAppendedAddress else { return deliver(payload, appendedAddress: nil, operation: &operation, now: now) }
            return send(.readAppendedAddress, step: .readingAddress(payload), operation: &operation)
        case .badCommand:
            return finish(.fail(.commandNotSupported(command: command.name)))
        case .cardFound, .itemNotOnCard, .findFailed, .selectFailed, .readFailed, .hostChecksumError, .hostLengthError,
            .unknownError, .cardAuthenticationFailed, .samAuthenticationFailed, .informationCheckFailed, .unknownCardType,
            .randomNumberError, .samSelfTestFailed, .samNotAuthorised, .unknown:
            return retry(.status(command, response.status), operation: &operation, now: now)
        }
    }

    private mutating func readAddress(
        _ response: IDCardResponse, payload: IDCardReadPayload, operation: inout Operation, now: Instant
    ) -> Action {
        switch response.status {
        case .success:
            let address = IDCardTextBlock.decodeUCS2(response.data)
            return deliver(payload, appendedAddress: address.isEmpty ? nil : address, operation: &operation, now: now)
        case .itemNotOnCard, .badCommand:
            // No appended address on the card, or a module that cannot read it: the printed one stands.
            return deliver(payload, appendedAddress: nil, operation: &operation, now: now)
        case .cardFound, .findFailed, .selectFailed, .readFailed, .hostChecksumError, .hostLengthError, .unknownError,
            .cardAuthenticationFailed, .samAuthenticationFailed, .informationCheckFailed, .unknownCardType,
            .randomNumberError, .samSelfTestFailed, .samNotAuthorised, .unknown:
            return retry(.status(.readAppendedAddress, response.status), operation: &operation, now: now)
        }
    }

    /// A read whose data cannot be used: it counts as read for the lift rule, but there is no card to tell apart.
    private mutating func unreadable(_ error: IDCardDataError) -> Action {
        awaitingLift = true
        lastCard = nil
        return finish(.fail(.invalidCardData(error)))
    }

    private mutating func deliver(
        _ payload: IDCardReadPayload, appendedAddress: String?, operation: inout Operation, now: Instant
    ) -> Action {
        awaitingLift = true
        var holder: IDCardHolder
        do {
            holder = try IDCardTextBlock.decode(
                payload.text, photo: IDCardPhoto(bytes: payload.photo), fingerprint: payload.fingerprint,
                appendedAddress: appendedAddress
            )
            try holder.validate()
        } catch {
            return unreadable(error)
        }
        var hasher = Hasher()
        hasher.combine(holder.idNumber)
        let card = hasher.finalize()
        if operation.checkingSameCard, card == lastCard {
            // The card read before, still on the reader: not delivered again; wait for it to leave.
            holder.wipe()
            operation.checkingSameCard = false
            operation.sameCardSeen = true
            operation.cardSelected = false
            return pause(operation: &operation, now: now)
        }
        lastCard = card
        return finish(.deliver(holder))
    }

    // MARK: Helpers

    private mutating func send(_ command: IDCardCommand, step: Step, operation: inout Operation) -> Action {
        operation.step = step
        state = .running(operation)
        return .sendCommand(command, timeout: configuration.responseTimeout(for: command))
    }

    private mutating func pause(operation: inout Operation, now: Instant) -> Action {
        if let expired = operation.expiry(now: now, awaitingLift: awaitingLift) { return finish(.fail(expired)) }
        operation.step = .pausing
        state = .running(operation)
        switch operation.mode {
        case .waitForCard(let deadline, _):
            return .wait(min(configuration.pollInterval, now.duration(to: deadline)))
        case .readOnce:
            return .wait(configuration.pollInterval)
        }
    }

    private mutating func retry(_ failure: Failure, operation: inout Operation, now: Instant) -> Action {
        operation.failures += 1
        guard operation.failures <= configuration.retries else {
            return finish(.fail(failure.error(attempts: operation.failures)))
        }
        return send(.findCard, step: .finding, operation: &operation)
    }

    private mutating func finish(_ action: Action) -> Action {
        state = .idle
        return action
    }

    // MARK: State

    private enum State: Sendable {
        case idle
        case running(Operation)
    }

    private enum Mode: Sendable {
        case waitForCard(deadline: Instant, timeout: Duration)
        case readOnce
    }

    private enum Step: Sendable {
        case finding
        case selecting
        case reading
        case readingAddress(IDCardReadPayload)
        case pausing

        /// The command outstanding in this step.
        func command(_ configuration: IDCardReaderConfiguration) -> IDCardCommand? {
            switch self {
            case .finding: .findCard
            case .selecting: .selectCard
            case .reading: configuration.readCommand
            case .readingAddress: .readAppendedAddress
            case .pausing: nil
            }
        }
    }

    private struct Operation: Sendable {
        var mode: Mode
        var step: Step = .finding
        /// Failed sequences so far (reset by a clean "no card" while polling).
        var failures = 0
        /// A card was selected in this operation: if "find card" now fails, it was lifted during the read.
        var cardSelected = false
        /// The card found is being read to tell whether it is the one read before (`awaitingLift`).
        var checkingSameCard = false
        /// This wait has read the card and found it to be the one read before: further finds just wait.
        var sameCardSeen = false

        init(mode: Mode) {
            self.mode = mode
        }

        /// The error that ends a `waitForCard` whose deadline has passed, or nil.
        func expiry(now: Instant, awaitingLift: Bool) -> IDCardError? {
            switch mode {
            case .waitForCard(let deadline, let timeout):
                guard now >= deadline else { return nil }
                return awaitingLift ? .previousCardNotLifted(within: timeout) : .noCardPresented(within: timeout)
            case .readOnce:
                return nil
            }
        }
    }

    /// The last reason a sequence failed, turned into an error when the retries run out.
    private enum Failure: Sendable {
        case timedOut(IDCardCommand)
        case malformed(IDCardCodecError)
        case status(IDCardCommand, IDCardStatus)

        func error(attempts: Int) -> IDCardError {
            switch self {
            case .timedOut(let command):
                return .noAnswer(command: command.name, attempts: attempts)
            case .malformed(let error):
                return .communication(error, attempts: attempts)
            case .status(let command, let status):
                switch status {
                case .readFailed, .selectFailed:
                    return .readFailed(status, attempts: attempts)
                case .cardAuthenticationFailed, .samAuthenticationFailed, .informationCheckFailed, .unknownCardType,
                    .randomNumberError:
                    return .cardRejected(status)
                case .hostChecksumError, .hostLengthError:
                    return .moduleReportedLineErrors(status, attempts: attempts)
                case .samSelfTestFailed, .samNotAuthorised:
                    return .samFailure(status)
                case .success, .cardFound, .itemNotOnCard, .findFailed, .badCommand, .unknownError, .unknown:
                    return .unexpectedStatus(command: command.name, status: status)
                }
            }
        }
    }
}
