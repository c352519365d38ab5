import Foundation
import KioskCore
import KioskStore
import Logging

/// Runs one citizen's session at a time: starts it, feeds it inputs, runs step work, times it out,
/// ends it with its personal data wiped, writes the audit record and publishes events.
public actor SessionManager {
    /// The services.
    public nonisolated let catalogue: ServiceCatalogue
    /// Where session, device and service events go (the events WebSocket).
    public nonisolated let events: EventBroadcaster
    private let environment: StepEnvironment
    private let store: KioskStore?
    private let settings: SessionSettings
    private let auditSecret: AuditSecret?
    private let metrics = SessionMetrics()
    private let logger: Logger
    private var active: SessionMachine?
    private var startedAt = Date()
    private var job: (token: Int, task: Task<Void, Never>)?
    private var ticker: Task<Void, Never>?
    private var ended: [(id: String, document: JSONValue)] = []

    public init(
        catalogue: ServiceCatalogue, events: EventBroadcaster, devices: any WorkflowDevices, departments: any DepartmentCalling,
        store: KioskStore?, clock: any SessionClock = SystemSessionClock(), settings: SessionSettings,
        auditSecret: AuditSecret? = nil, logger: Logger = Logger(label: "kioskd.sessions")
    ) {
        self.catalogue = catalogue
        self.events = events
        self.environment = StepEnvironment(
            devices: devices, departments: departments, clock: clock, kioskID: settings.kioskID, printedTime: SessionSettings.printedTime
        )
        self.store = store
        self.settings = settings
        self.auditSecret = auditSecret
        self.logger = logger
    }

    private var now: Duration { environment.clock.now }

    // MARK: Requests

    /// Starts a session of `service` (`POST /api/v1/sessions`).
    public func start(service: String, language: String, elderly: Bool) async throws(SessionError) -> JSONValue {
        if let active, active.state == .active { throw .busy(activeID: active.id) }
        guard let workflow = catalogue.workflow(service) else { throw .unknownService(service) }
        let (methods, reason) = await catalogue.check(workflow)
        if let reason { throw .unavailable(service: service, reason: reason) }
        if let active, active.state == .active { throw .busy(activeID: active.id) }  // another start won the race meanwhile
        var machine = SessionMachine(
            id: UUID().uuidString.lowercased(), workflow: workflow, language: LocalizedText.languages.contains(language) ? language : "zh-CN",
            elderly: elderly, methods: methods, idle: settings.idle
        )
        machine.auditSecret = auditSecret
        let actions = machine.start(now: now)
        active = machine
        startedAt = Date()
        logger.info("session started", metadata: ["session": "\(machine.id)", "service": "\(service)"])
        startTicker()
        let document = machine.view(now: now)
        await carry(out: actions)
        return active?.id == machine.id ? active!.view(now: now) : document
    }

    /// The session document (`GET /api/v1/sessions/{id}`); an ended one has its state and no step.
    public func session(_ id: String) throws(SessionError) -> JSONValue {
        if let active, active.id == id { return active.view(now: now) }
        if let document = ended.last(where: { $0.id == id })?.document { return document }
        throw .unknownSession(id)
    }

    /// The active session, nil when there is none.
    public func current() -> JSONValue? {
        active.map { $0.view(now: now) }
    }

    /// An input from the UI (`POST /api/v1/sessions/{id}/input`); answers the updated session.
    public func input(_ input: SessionInput, session id: String) async throws(SessionError) -> JSONValue {
        guard var machine = active, machine.id == id else {
            if ended.contains(where: { $0.id == id }) { throw .input(.notAccepted(step: "-", kind: "ended", action: input.action)) }
            throw .unknownSession(id)
        }
        let actions: [SessionAction]
        do {
            actions = try machine.receive(input, now: now)
        } catch {
            throw .input(error)
        }
        active = machine
        let document = machine.view(now: now)
        await carry(out: actions)
        return document
    }

    /// Cancels a session (`DELETE /api/v1/sessions/{id}`).
    public func cancel(_ id: String) async throws(SessionError) {
        guard var machine = active, machine.id == id else {
            if ended.contains(where: { $0.id == id }) { return }
            throw .unknownSession(id)
        }
        let actions = machine.cancel()
        active = machine
        await carry(out: actions)
    }

    /// Checks the idle timer (called every `tickInterval`, or by tests after moving the clock).
    public func tick() async {
        guard var machine = active else { return }
        let actions = machine.tick(now: now)
        guard !actions.isEmpty else { return }
        active = machine
        await carry(out: actions)
    }

    /// Waits until no step work is running (tests; shutdown).
    public func settle() async {
        while let task = job?.task {
            await task.value
        }
    }

    /// Publishes the readers' card events and ends the session whose identifying card is taken out
    /// (`SessionMachine.cardRemoved(from:)`); runs until cancelled or the devices stop reporting.
    public func watchCards() async {
        for await change in environment.devices.cardEvents() {
            await cardChanged(change)
        }
    }

    /// One card going in or out of a reader.
    func cardChanged(_ change: CardPresence) async {
        await events.publish(.card(device: change.device, event: change.present ? "presented" : "removed"))
        guard !change.present, var machine = active else { return }
        let actions = machine.cardRemoved(from: change.role)
        guard !actions.isEmpty else { return }
        logger.info("identifying card taken out; session ends", metadata: ["session": "\(machine.id)", "device": "\(change.device)"])
        active = machine
        await carry(out: actions)
    }

    /// Ends the active session, if any (shutdown).
    public func shutdown() async {
        if let id = active?.id { try? await cancel(id) }
        ticker?.cancel()
    }

    // MARK: Carrying out

    private func carry(out actions: [SessionAction]) async {
        guard var machine = active else { return }
        var endedAs: SessionState?
        for action in actions {
            switch action {
            case .run(let token) where token == machine.runningToken:
                launch(token: token, machine: machine)
            case .run:
                break
            case .cancel(let token):
                if job?.token == token { job?.task.cancel(); job = nil }
            case .idleWarning(let remaining):
                await events.publish(.idleWarning(sessionID: machine.id, remainingSeconds: remaining))
            case .ended(let outcome):
                endedAs = outcome
            }
        }
        machine = active ?? machine
        await events.publish(.session(machine.view(now: now)))
        if let outcome = endedAs { await finish(machine, outcome) }
    }

    private func launch(token: Int, machine: SessionMachine) {
        guard let step = machine.step else { return }
        job?.task.cancel()
        let work = machine.job(environment: environment)
        let id = machine.id
        job = (token, Task { [weak self] in
            let result = await step.perform(work)
            await self?.completed(session: id, token: token, result: result)
        })
    }

    private func completed(session id: String, token: Int, result: StepJobResult) async {
        if job?.token == token { job = nil }
        guard var machine = active, machine.id == id else { return }
        let actions = machine.complete(token: token, result: result, now: now)
        guard !actions.isEmpty || machine.runningToken == nil else { return }
        active = machine
        await carry(out: actions)
    }

    private func finish(_ machine: SessionMachine, _ outcome: SessionState) async {
        active = nil
        ticker?.cancel()
        ticker = nil
        let document = machine.view(now: now)
        ended.append((machine.id, document))
        if ended.count > settings.rememberedEnded { ended.removeFirst(ended.count - settings.rememberedEnded) }
        let endedAt = Date()
        logger.info("session ended", metadata: ["session": "\(machine.id)", "service": "\(machine.workflow.id)", "outcome": "\(outcome.rawValue)"])
        metrics.ended(service: machine.workflow.id, outcome: outcome, rating: machine.context.rating, duration: endedAt.timeIntervalSince(startedAt))
        await events.publish(.sessionEnded(sessionID: machine.id, reason: outcome))
        await environment.devices.sessionEnded(expired: outcome == .expired)
        if let role = machine.context.identifiedBy?.deviceRole, let card = await environment.devices.cardPresence(of: role), card.present {
            await events.publish(.card(device: card.device, event: "please-remove"))
        }
        guard let store else { return }
        let record = SessionAuditRecord(
            sessionID: machine.id, service: machine.workflow.id, department: machine.workflow.department.rawValue,
            startedAt: startedAt, endedAt: endedAt, outcome: outcome.rawValue, lastStep: machine.lastStepID,
            identification: machine.context.identifiedBy?.rawValue, language: machine.language, elderly: machine.elderly,
            rating: machine.context.rating, failure: outcome == .failed ? machine.context.error?.code : nil,
            citizenKey: machine.citizenKey
        )
        do {
            try await store.recordSession(record)
        } catch {
            logger.error("cannot write the session's audit record", metadata: ["session": "\(machine.id)", "error": "\(error)"])
        }
    }

    private func startTicker() {
        ticker?.cancel()
        guard let interval = settings.tickInterval else { return }
        let clock = environment.clock
        ticker = Task { [weak self] in
            while !Task.isCancelled {
                do { try await clock.sleep(for: interval) } catch { return }
                await self?.tick()
            }
        }
    }
}
