/// The idle timer of one session, as a value: a deadline that input moves and busy steps suspend.
struct IdleTimer: Sendable, Hashable {
    let settings: IdleSettings
    /// When the session expires; nil while a step is busy (the timer does not run).
    private(set) var deadline: Duration?
    private(set) var warned = false

    init(settings: IdleSettings) {
        self.settings = settings
    }

    /// Restarts the full timeout from `now`.
    mutating func reset(now: Duration) {
        deadline = now + settings.timeout
        warned = false
    }

    /// Starts the timer when it is suspended; a running timer keeps its deadline.
    mutating func resume(now: Duration) {
        if deadline == nil { reset(now: now) }
    }

    /// Suspends the timer.
    mutating func suspend() {
        deadline = nil
        warned = false
    }

    /// Time left; the full timeout while suspended.
    func remaining(now: Duration) -> Duration {
        guard let deadline else { return settings.timeout }
        return max(.zero, deadline - now)
    }

    /// What the passing of time means now.
    enum Event: Equatable {
        case none
        case warn(remaining: Duration)
        case expire
    }

    mutating func check(now: Duration) -> Event {
        guard let deadline else { return .none }
        if now >= deadline { return .expire }
        if !warned, now >= deadline - settings.warning {
            warned = true
            return .warn(remaining: deadline - now)
        }
        return .none
    }
}
