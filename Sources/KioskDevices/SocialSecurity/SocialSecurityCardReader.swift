import Logging

/// kioskd's social-security card reader: waits for a card through `PCSCMonitor`, reads it with
/// `SocialSecurityApplication` over an exclusive PC/SC connection, and keeps that connection as
/// the citizen's session until `endSession()` or the card is taken out.
///
/// ```swift
/// let reader = SocialSecurityCardReader(configuration: .init(readerPrefix: "Virtual PCD"), logger: logger)
/// await reader.start()
/// let presence = try await reader.waitForCard(timeout: .seconds(30))
/// let card = try await reader.readCard()   // personal data: show it, never log it
/// await reader.endSession()
/// ```
public actor SocialSecurityCardReader {
    /// A card in a reader.
    public struct CardPresence: Sendable, Equatable {
        public var reader: String
        public var atr: [UInt8]
    }

    public nonisolated let configuration: SocialSecurityReaderConfiguration
    public nonisolated let monitor: PCSCMonitor
    public nonisolated let application: SocialSecurityApplication
    private let logger: Logger
    private var session: PCSCCardConnection?
    private var sessionContext: PCSCContext?
    private var waiters: [Int: CheckedContinuation<CardPresence, any Error>] = [:]
    private var nextWaiter = 0
    private var eventTask: Task<Void, Never>?

    public init(
        configuration: SocialSecurityReaderConfiguration,
        application: SocialSecurityApplication = SocialSecurityApplication(),
        monitor: PCSCMonitor = PCSCMonitor(),
        logger: Logger
    ) {
        self.configuration = configuration
        self.application = application
        self.monitor = monitor
        self.logger = logger
    }

    /// Starts watching pcscd (safe to call again).
    public func start() {
        guard eventTask == nil else { return }
        let events = monitor.events
        monitor.start()
        eventTask = Task { [weak self] in
            for await event in events {
                await self?.handle(event)
            }
        }
    }

    /// Stops watching and ends any session.
    public func stop() async {
        await endSession()
        monitor.stop()
        eventTask?.cancel()
        eventTask = nil
        for waiter in waiters.values { waiter.resume(throwing: SocialSecurityError.serviceUnavailable("the reader was stopped")) }
        waiters = [:]
    }

    /// Whether a citizen's session holds the card now.
    public var inSession: Bool { session != nil }

    /// The card in the configured reader now, if any.
    public nonisolated var presentCard: CardPresence? {
        let snapshot = monitor.snapshot
        for reader in snapshot.readers(matching: configuration.readerPrefix) {
            if let atr = snapshot.readers[reader] ?? nil { return CardPresence(reader: reader, atr: atr) }
        }
        return nil
    }

    /// Returns when a card is in the configured reader (at once when one already is).
    public func waitForCard(timeout: Duration) async throws -> CardPresence {
        if let present = presentCard { return present }
        let id = nextWaiter
        nextWaiter += 1
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            await self?.expire(id, after: timeout)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if let present = presentCard {
                    continuation.resume(returning: present)
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.expire(id, after: nil) }
        }
    }

    /// Reads the card in the configured reader, opening the session (exclusive when configured).
    /// The session stays open until `endSession()` or the card is removed.
    ///
    /// The read runs on the session thread (`PCSCSessionExecutor`): the APDUs go out one after the other with no
    /// thread hop between them.
    public func readCard() async throws -> SocialSecurityCard {
        try await withTaskExecutorPreference(PCSCSessionExecutor.shared) {
            try await readCardNow()
        }
    }

    private func readCardNow() async throws -> SocialSecurityCard {
        guard let presence = presentCard else {
            if !monitor.snapshot.serviceAvailable { throw SocialSecurityError.serviceUnavailable(monitor.snapshot.lastError?.description ?? "not connected yet") }
            if monitor.snapshot.readers(matching: configuration.readerPrefix).isEmpty { throw SocialSecurityError.readerMissing(prefix: configuration.readerPrefix) }
            throw SocialSecurityError.noCard(after: .zero)
        }
        let connection = try await openSession(presence.reader)
        do {
            let channel = DeadlineChannel(connection, limit: configuration.operationTimeout)
            let card = try await application.read(over: channel, atr: presence.atr)
            logger.info("social-security card read", metadata: ["reader": "\(presence.reader)", "version": "\(card.card.specificationVersion)"])
            return card
        } catch {
            let mapped = Self.map(error)
            logger.warning("social-security card read failed", metadata: ["reader": "\(presence.reader)", "error": "\(mapped.code)"])
            await endSession()
            throw mapped
        }
    }

    /// Ends the citizen's session: the card is released (left powered) for the next reader.
    public func endSession() async {
        guard let connection = session else { return }
        session = nil
        await connection.disconnect(.leave)
    }

    private func openSession(_ reader: String) async throws -> PCSCCardConnection {
        if let session, session.reader == reader { return session }
        await endSession()
        do {
            let context = try await sessionContextNow()
            let connection = try await context.connect(reader: reader, exclusive: configuration.exclusive)
            session = connection
            return connection
        } catch {
            if error.needsNewContext { sessionContext = nil }
            throw Self.map(error)
        }
    }

    /// The context for card sessions, established again when pcscd restarted.
    private func sessionContextNow() async throws(PCSCError) -> PCSCContext {
        if let sessionContext, sessionContext.isValid { return sessionContext }
        let context = try await PCSCContext.establish()
        sessionContext = context
        return context
    }

    private func handle(_ event: PCSCEvent) async {
        switch event {
        case .cardInserted(let reader, let atr):
            guard configuration.readerPrefix.isEmpty || reader.hasPrefix(configuration.readerPrefix) else { return }
            logger.debug("card inserted", metadata: ["reader": "\(reader)"])
            let presence = CardPresence(reader: reader, atr: atr)
            let ready = waiters
            waiters = [:]
            for waiter in ready.values { waiter.resume(returning: presence) }
        case .cardRemoved(let reader):
            if session?.reader == reader { await endSession() }
        case .serviceUnavailable:
            session = nil
            sessionContext = nil
        case .serviceAvailable, .readerAdded, .readerRemoved:
            break
        }
    }

    private func expire(_ id: Int, after timeout: Duration?) {
        guard let waiter = waiters.removeValue(forKey: id) else { return }
        waiter.resume(throwing: timeout.map { SocialSecurityError.noCard(after: $0) } ?? CancellationError())
    }

    /// The reader's error for any failure during a read.
    static func map(_ error: any Error) -> SocialSecurityError {
        switch error {
        case let error as SocialSecurityError: return error
        case let error as SocialSecurityCodecError: return .cardMisbehaves(detail: error.description)
        case let error as PCSCError:
            switch error {
            case .noCard, .cardReset: return .cardRemoved
            case .sharingViolation: return .cardInUse
            case .noService, .invalidHandle: return .serviceUnavailable(error.description)
            default: return .pcsc(error)
            }
        default: return .cardMisbehaves(detail: "\(type(of: error))")
        }
    }
}

/// A card channel that gives up once a read has taken longer than `limit`: checked before each APDU goes out and
/// when its answer is back, so a slow card ends the read with `SocialSecurityError.cardMisbehaves` at the next APDU.
///
/// It replaces a task group racing the read against a `Task.sleep`: on the session thread the APDUs run inline
/// without suspending, so that timer could only fire after the read had finished, and it cost two child tasks and a
/// Dispatch timer armed and cancelled on every read (kiosk-bench ssc-read). A blocked `SCardTransmit` is not cut
/// short by either (README, Known limits).
struct DeadlineChannel: CardChannel {
    let channel: any CardChannel
    let limit: Duration
    let deadline: ContinuousClock.Instant

    init(_ channel: any CardChannel, limit: Duration, now: ContinuousClock.Instant = .now) {
        self.channel = channel
        self.limit = limit
        self.deadline = now + limit
    }

    func transmit(_ command: [UInt8]) async throws -> [UInt8] {
        try check()
        let response = try await channel.transmit(command)
        try check()
        return response
    }

    private func check() throws {
        guard ContinuousClock.now <= deadline else { throw SocialSecurityError.cardMisbehaves(detail: "no answer within \(limit)") }
    }
}
