/// The "touch panel may be unresponsive" heuristic (PROTOCOLS.md §5): a panel that is attached but dead sends
/// nothing, so kioskd suspects it when its evdev node has been quiet for `quietPeriod` while `untouchedSessions`
/// citizen sessions in a row timed out with no touch seen on it. A value type: time comes in.
public struct TouchSuspicion: Sendable, Equatable {
    public let quietPeriod: Duration
    public let untouchedSessions: Int
    /// When watching began (the quiet time counts from here until the first touch).
    public private(set) var since: ContinuousClock.Instant
    /// The last contact seen on the panel.
    public private(set) var lastTouch: ContinuousClock.Instant?
    /// Contacts seen since watching began.
    public private(set) var touches = 0
    /// Sessions that expired since the last touch.
    public private(set) var untouchedExpiries = 0

    public init(quietPeriod: Duration, untouchedSessions: Int, since: ContinuousClock.Instant) {
        self.quietPeriod = quietPeriod
        self.untouchedSessions = max(1, untouchedSessions)
        self.since = since
    }

    /// A finger went down on the panel: it works, and the count of untouched sessions starts again.
    public mutating func touched(at instant: ContinuousClock.Instant) {
        lastTouch = instant
        touches += 1
        untouchedExpiries = 0
    }

    /// A citizen's session ended; only an idle expiry counts (finished, cancelled and failed sessions do not).
    public mutating func sessionEnded(expired: Bool) {
        if expired { untouchedExpiries += 1 }
    }

    /// How long the panel has been quiet at `now`.
    public func quiet(at now: ContinuousClock.Instant) -> Duration {
        now - (lastTouch ?? since)
    }

    /// True when the panel is suspect at `now`: quiet long enough and enough sessions expired untouched.
    public func isSuspect(at now: ContinuousClock.Instant) -> Bool {
        untouchedExpiries >= untouchedSessions && quiet(at: now) >= quietPeriod
    }
}
