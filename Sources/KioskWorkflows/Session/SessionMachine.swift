import KioskCore

/// One citizen's session as a value-type state machine: steps, idle timer, work tokens, wiping.
///
/// Every method takes the time (`now`, from the injected `SessionClock`) and returns the actions its owner
/// must carry out. Nothing here does I/O; the `SessionManager` runs step work and feeds results back.
public struct SessionMachine: Sendable {
    public let id: String
    public let workflow: WorkflowDefinition
    public let language: String
    public let elderly: Bool
    public private(set) var state: SessionState = .active
    /// Index of the current step (0-based).
    public private(set) var stepIndex = 0
    /// The current step's context (personal data, step state, error).
    public private(set) var context: StepContext
    /// The token of the work now running, if any.
    public private(set) var runningToken: Int?
    /// The step that caused a failure or the last one reached (for the audit record).
    public private(set) var lastStepID: String
    /// The citizen's audit key, taken from the identity just before it is wiped at the end (for the audit record).
    public private(set) var citizenKey: String?
    /// The install's audit secret that makes `citizenKey`; nil keeps no key.
    public var auditSecret: AuditSecret?
    private var idle: IdleTimer
    private var tokens = 0

    public init(id: String, workflow: WorkflowDefinition, language: String, elderly: Bool, methods: [IdentificationMethod], idle: IdleSettings) {
        self.id = id
        self.workflow = workflow
        self.language = language
        self.elderly = elderly
        self.context = StepContext(
            language: language, department: workflow.department, service: workflow.id,
            serviceNames: workflow.names, methods: methods
        )
        var settings = idle
        if let timeout = workflow.idleTimeout { settings.timeout = timeout }
        self.idle = IdleTimer(settings: settings.forElderly(elderly))
        self.lastStepID = workflow.steps.first?.header.id ?? ""
    }

    /// The step the session is on; nil once it ended.
    public var step: (any WorkflowStep)? {
        state == .active && workflow.steps.indices.contains(stepIndex) ? workflow.steps[stepIndex] : nil
    }

    /// Enters the first step.
    public mutating func start(now: Duration) -> [SessionAction] {
        idle.reset(now: now)
        var actions: [SessionAction] = []
        enter(now: now, &actions)
        return actions
    }

    /// An input from the UI. Common actions (`touch`, `cancel`, `back`, `retry`) are handled here, others by the step.
    public mutating func receive(_ input: SessionInput, now: Duration) throws(SessionInputError) -> [SessionAction] {
        guard let step else { throw .notAccepted(step: lastStepID, kind: "ended", action: input.action) }
        var actions: [SessionAction] = []
        let deadline = idle
        idle.reset(now: now)  // any input restarts the timer; a step that goes busy suspends it below
        switch input.action {
        case "touch":
            break
        case "cancel":
            end(.cancelled, &actions)
            return actions
        case "back":
            guard step.allowsBack, let target = workflow.steps[..<stepIndex].lastIndex(where: \.isBackTarget),
                  !workflow.steps[target..<stepIndex].contains(where: { $0 is SubmitStep || $0 is PayStep }) else {
                throw .notAccepted(step: step.header.id, kind: step.header.kind, action: input.action)
            }
            stepIndex = target
            enter(now: now, &actions)
        case "retry" where context.error?.retryable == true && !(step is PrintStep):
            context.error = nil
            apply(step.enter(&context), now: now, &actions)
        default:
            let command: StepCommand
            do throws(SessionInputError) {
                command = try step.receive(input, context: &context)
            } catch {
                idle = deadline  // a refused input does not count as activity
                throw error
            }
            apply(command, now: now, &actions)
        }
        return actions
    }

    /// The result of work started by `.run(token)`; a stale token is ignored.
    public mutating func complete(token: Int, result: StepJobResult, now: Duration) -> [SessionAction] {
        guard token == runningToken, let step else { return [] }
        runningToken = nil
        var actions: [SessionAction] = []
        apply(step.complete(result, context: &context), now: now, &actions)
        return actions
    }

    /// The passing of time: warns before the idle timeout and expires the session at it.
    public mutating func tick(now: Duration) -> [SessionAction] {
        guard state == .active else { return [] }
        var actions: [SessionAction] = []
        switch idle.check(now: now) {
        case .none: break
        case .warn(let remaining): actions.append(.idleWarning(remainingSeconds: Int(remaining.components.seconds)))
        case .expire: end(.expired, &actions)
        }
        return actions
    }

    /// The card of `role` left its reader. When it is the card that identified the citizen, the session ends as
    /// `cancelled` (the citizen walked away with it), unless it already passed a submission or payment step: the
    /// department has acted, so the citizen still gets the result and receipt.
    public mutating func cardRemoved(from role: DeviceRole) -> [SessionAction] {
        guard state == .active, let method = context.identifiedBy, method.deviceRole == role else { return [] }
        let reached = workflow.steps[...min(stepIndex, workflow.steps.count - 1)]
        guard !reached.contains(where: { $0 is SubmitStep || $0 is PayStep }) else { return [] }
        var actions: [SessionAction] = []
        end(.cancelled, &actions)
        return actions
    }

    /// Cancels the session (`DELETE`, a new citizen, shutdown).
    public mutating func cancel() -> [SessionAction] {
        guard state == .active else { return [] }
        var actions: [SessionAction] = []
        end(.cancelled, &actions)
        return actions
    }

    /// The work the current step asked for, with a snapshot of what it needs.
    public func job(environment: StepEnvironment) -> StepJob {
        StepJob(
            data: context.data, state: context.state, shown: context.shown, language: language,
            department: workflow.department, service: workflow.id, environment: environment
        )
    }

    /// Time left before the session expires.
    public func idleRemaining(now: Duration) -> Duration { idle.remaining(now: now) }
    /// The idle settings in force (elderly doubled).
    public var idleSettings: IdleSettings { idle.settings }

    // MARK: Transitions

    private mutating func enter(now: Duration, _ actions: inout [SessionAction]) {
        cancelRunning(&actions)
        context.state = [:]
        context.error = nil
        guard let step else { return }
        if let condition = step.header.when, !condition.holds(context.data) {
            apply(.advance, now: now, &actions)
            return
        }
        lastStepID = step.header.id
        apply(step.enter(&context), now: now, &actions)
    }

    private mutating func apply(_ command: StepCommand, now: Duration, _ actions: inout [SessionAction]) {
        switch command {
        case .wait:
            idle.resume(now: now)
        case .run(let runsIdle):
            cancelRunning(&actions)
            tokens += 1
            runningToken = tokens
            if runsIdle { idle.resume(now: now) } else { idle.suspend() }
            actions.append(.run(token: tokens))
        case .advance:
            stepIndex += 1
            if stepIndex >= workflow.steps.count {
                end(.finished, &actions)
            } else {
                enter(now: now, &actions)
            }
        case .back:
            if let target = workflow.steps[..<stepIndex].lastIndex(where: \.isBackTarget) {
                stepIndex = target
                enter(now: now, &actions)
            }
        case .end(let outcome):
            end(outcome == .active ? .finished : outcome, &actions)
        }
    }

    private mutating func cancelRunning(_ actions: inout [SessionAction]) {
        if let token = runningToken {
            actions.append(.cancel(token: token))
            runningToken = nil
        }
    }

    private mutating func end(_ outcome: SessionState, _ actions: inout [SessionAction]) {
        guard state == .active else { return }
        cancelRunning(&actions)
        if let step { lastStepID = step.header.id }
        state = outcome
        let failure = context.error
        if let auditSecret, let identity = context.data.value(at: "identity") { citizenKey = auditSecret.citizenKey(for: identity) }
        context.wipe()
        context.error = outcome == .failed ? failure : nil
        idle.suspend()
        actions.append(.ended(outcome))
    }
}
