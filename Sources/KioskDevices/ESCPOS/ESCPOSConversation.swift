/// One conversation with a receipt printer (a print job or a status request) as a value type: it
/// says what to send and until when to wait, and judges the replies; the driver does the I/O and
/// brings the time, so tests drive it with made-up instants.
///
/// A job: `DLE EOT 1…4` → refuse on paper end, cover open, errors, offline → send the job followed
/// by `GS r 1` (answered only once the job has been processed) and `DLE EOT 1…4` → poll the status
/// while waiting for the `GS r` answer → done, or `.interrupted` as soon as a fault shows.
public struct ESCPOSConversation: Sendable {
    public typealias Instant = ContinuousClock.Instant

    /// Timeouts and intervals.
    public struct Timing: Sendable, Equatable {
        /// For the answers to `DLE EOT 1…4` (counted after the job's wire time when it follows one).
        public var statusTimeout: Duration
        /// For the printer to confirm a job (`GS r 1`), after the job's wire time.
        public var completionTimeout: Duration
        /// Between status polls while a job prints.
        public var pollInterval: Duration
        /// How long to wait for the answers to `DLE EOT` sequences inside the data once four bytes are in.
        public var strayGrace: Duration

        public init(
            statusTimeout: Duration = .seconds(2), completionTimeout: Duration = .seconds(30),
            pollInterval: Duration = .milliseconds(500), strayGrace: Duration = .milliseconds(100)
        ) {
            self.statusTimeout = statusTimeout
            self.completionTimeout = completionTimeout
            self.pollInterval = pollInterval
            self.strayGrace = strayGrace
        }
    }

    /// A job to send.
    public struct Job: Sendable, Equatable {
        public var bytes: [UInt8]
        /// `DLE EOT n` sequences inside `bytes` (`EncodedReceipt.embeddedStatusRequests`).
        public var embeddedStatusRequests: Int
        /// How long `bytes` take on the wire (zero for USB).
        public var wireTime: Duration

        public init(bytes: [UInt8], embeddedStatusRequests: Int, wireTime: Duration) {
            self.bytes = bytes
            self.embeddedStatusRequests = embeddedStatusRequests
            self.wireTime = wireTime
        }
    }

    /// What the driver does next.
    public enum Action: Sendable, Equatable {
        /// Write `bytes`, then read replies until the instant.
        case send([UInt8], waitUntil: Instant)
        /// Read replies until the instant.
        case wait(until: Instant)
        /// The conversation is over: the printer's status (after the job, for a job), or why not.
        case finished(Result<PrinterStatus, PrinterError>)
    }

    private enum State: Sendable {
        case idle
        case checking(StatusCollection, job: Job?)
        case printing(Printing)
        case finished
    }

    /// A job on its way: the status request in flight, the last status, the `GS r` answer.
    private struct Printing: Sendable {
        var collection: StatusCollection?
        var latest: PrinterStatus?
        var awaitingConfirmation: Bool
        var paperSensor: UInt8?
        var completionDeadline: Instant
        var nextPoll: Instant?
    }

    private var state = State.idle
    let timing: Timing
    let device: String
    let paperWidth: PaperWidth
    let confirmsCompletion: Bool

    /// - Parameters:
    ///   - device: names the printer in errors.
    ///   - confirmsCompletion: whether the printer answers `GS r 1`; without it a job counts as done
    ///     once the status after it is clean.
    public init(device: String, paperWidth: PaperWidth, timing: Timing = Timing(), confirmsCompletion: Bool = true) {
        self.device = device
        self.paperWidth = paperWidth
        self.timing = timing
        self.confirmsCompletion = confirmsCompletion
    }

    // MARK: Events

    /// Starts a status request.
    public mutating func requestStatus(at now: Instant) -> Action {
        precondition(isIdle, "a conversation runs once")
        return check(job: nil, at: now)
    }

    /// Starts a job: status first, then the job if the printer can print it.
    public mutating func print(_ job: Job, at now: Instant) -> Action {
        precondition(isIdle, "a conversation runs once")
        return check(job: job, at: now)
    }

    /// A reply arrived.
    public mutating func received(_ reply: PrinterReply, at now: Instant) -> Action {
        switch (state, reply) {
        case (.checking(var collection, let job), .realTimeStatus(let byte)):
            guard let status = collection.add(byte, at: now, grace: timing.strayGrace) else {
                state = .checking(collection, job: job)
                return .wait(until: collection.deadline)
            }
            return checked(status, job: job, at: now)
        case (.printing(var printing), .realTimeStatus(let byte)):
            guard var collection = printing.collection else { return wait(printing) }  // a late stray answer
            if let status = collection.add(byte, at: now, grace: timing.strayGrace) {
                printing.collection = nil
                return judge(status, printing, at: now)
            }
            printing.collection = collection
            return wait(printing)
        case (.printing(var printing), .paperSensor(let byte)) where printing.awaitingConfirmation:
            printing.awaitingConfirmation = false
            printing.paperSensor = byte
            return judge(nil, printing, at: now)
        case (.printing(let printing), .automaticStatus(let block)):
            if let cause = Self.interruption(PrinterStatus(automaticStatus: block)) { return finish(.failure(.interrupted(cause))) }
            return wait(printing)
        case (.checking(let collection, _), _):
            return .wait(until: collection.deadline)
        case (.printing(let printing), _):
            return wait(printing)
        case (.idle, _), (.finished, _):
            return .wait(until: now)
        }
    }

    /// The instant the last action waited for has come with no reply.
    public mutating func deadlinePassed(at now: Instant) -> Action {
        switch state {
        case .idle, .finished:
            return .wait(until: now)
        case .checking(let collection, let job):
            guard now >= collection.deadline else { return .wait(until: collection.deadline) }
            guard let status = collection.status else {
                return finish(.failure(.noAnswer(device: device, after: timing.statusTimeout)))
            }
            return checked(status, job: job, at: now)
        case .printing(var printing):
            if let collection = printing.collection, now >= collection.deadline {
                guard let status = collection.status else { return finish(.failure(.interrupted(.noAnswer))) }
                printing.collection = nil
                return judge(status, printing, at: now)
            }
            if printing.awaitingConfirmation, now >= printing.completionDeadline {
                return finish(.failure(.interrupted(.notConfirmed)))
            }
            if printing.collection == nil, let poll = printing.nextPoll, now >= poll {
                let collection = StatusCollection(strayReplies: 0, deadline: now + timing.statusTimeout)
                printing.collection = collection
                printing.nextPoll = now + timing.pollInterval
                state = .printing(printing)
                return .send(ESCPOSCommand.fullStatusRequest, waitUntil: deadline(printing))
            }
            return wait(printing)
        }
    }

    /// Writing or reading failed.
    public mutating func failed(_ error: PrinterError) -> Action {
        switch state {
        case .printing:
            switch error {
            case .cancelled: return finish(.failure(.interrupted(.cancelled)))
            case .noAnswer: return finish(.failure(.interrupted(.noAnswer)))
            default: return finish(.failure(.interrupted(.disconnected)))
            }
        case .idle, .checking, .finished:
            return finish(.failure(error))
        }
    }

    // MARK: Judging

    /// Why the printer cannot take a job in `status`, nil when it can.
    public static func refusal(_ status: PrinterStatus, paperWidth: PaperWidth) -> PrinterError? {
        if status.paperEnd { return .paperOut(paperWidth: paperWidth) }
        if status.coverOpen { return .coverOpen }
        if status.cutterError { return .cutterError }
        if status.unrecoverableError { return .unrecoverable }
        if status.autoRecoverableError { return .recovering }
        if !status.online { return .offline }
        return nil
    }

    /// What stopped a job that was sent, in `status`; nil when nothing did.
    public static func interruption(_ status: PrinterStatus) -> PrinterError.InterruptionCause? {
        if status.paperEnd { return .paperEnd }
        if status.coverOpen { return .coverOpen }
        if status.cutterError { return .cutterError }
        if status.unrecoverableError { return .unrecoverable }
        if status.autoRecoverableError { return .recovering }
        if !status.online { return .offline }
        return nil
    }

    // MARK: Steps

    private var isIdle: Bool {
        if case .idle = state { return true }
        return false
    }

    private mutating func check(job: Job?, at now: Instant) -> Action {
        let collection = StatusCollection(strayReplies: 0, deadline: now + timing.statusTimeout)
        state = .checking(collection, job: job)
        return .send(ESCPOSCommand.fullStatusRequest, waitUntil: collection.deadline)
    }

    private mutating func checked(_ status: PrinterStatus, job: Job?, at now: Instant) -> Action {
        guard let job else { return finish(.success(status)) }
        if let refusal = Self.refusal(status, paperWidth: paperWidth) { return finish(.failure(refusal)) }
        let printing = Printing(
            collection: StatusCollection(strayReplies: job.embeddedStatusRequests, deadline: now + job.wireTime + timing.statusTimeout),
            latest: nil,
            awaitingConfirmation: confirmsCompletion,
            paperSensor: nil,
            completionDeadline: now + job.wireTime + timing.completionTimeout,
            nextPoll: nil
        )
        state = .printing(printing)
        let confirmation = confirmsCompletion ? ESCPOSCommand.transmitPaperStatus : []
        return .send(job.bytes + confirmation + ESCPOSCommand.fullStatusRequest, waitUntil: deadline(printing))
    }

    /// Takes a status (or the confirmation, `status` nil) during a job and decides what follows.
    private mutating func judge(_ status: PrinterStatus?, _ printing: Printing, at now: Instant) -> Action {
        var printing = printing
        if let status {
            if let cause = Self.interruption(status) { return finish(.failure(.interrupted(cause))) }
            printing.latest = status
            printing.nextPoll = now + timing.pollInterval
        }
        if !printing.awaitingConfirmation, let latest = printing.latest {
            return finish(.success(printing.paperSensor.map { latest.updating(paperSensor: $0) } ?? latest))
        }
        return wait(printing)
    }

    private mutating func wait(_ printing: Printing) -> Action {
        state = .printing(printing)
        return .wait(until: deadline(printing))
    }

    /// The next instant something is due: the status answers, the next poll, the confirmation.
    private func deadline(_ printing: Printing) -> Instant {
        var next = printing.completionDeadline
        if let collection = printing.collection { next = min(next, collection.deadline) }
        if printing.collection == nil, let poll = printing.nextPoll { next = min(next, poll) }
        if !printing.awaitingConfirmation, let collection = printing.collection { next = collection.deadline }
        return next
    }

    private mutating func finish(_ result: Result<PrinterStatus, PrinterError>) -> Action {
        state = .finished
        return .finished(result)
    }
}
