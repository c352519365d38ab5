/// Waits between retries of a query: exponential backoff with full jitter (a random time up to `base × 2ⁿ`, capped).
public struct RetryBackoff: Sendable, Equatable {
    /// The ceiling of the first wait.
    public var base: Duration
    /// The largest ceiling of any wait.
    public var cap: Duration

    public init(base: Duration = .milliseconds(200), cap: Duration = .seconds(2)) {
        self.base = base
        self.cap = cap
    }

    /// The ceiling of the wait before retry `retry` (0 for the first retry).
    public func ceiling(beforeRetry retry: Int) -> Duration {
        let factor = 1 << min(max(retry, 0), 20)
        return min(cap, base * factor)
    }

    /// A random wait in `0...ceiling(beforeRetry:)`.
    public func delay(beforeRetry retry: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(beforeRetry: retry, using: &generator)
    }

    /// A random wait in `0...ceiling(beforeRetry:)` drawn from `generator`.
    public func delay(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(beforeRetry: retry)
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &generator))
    }
}
