import Foundation

/// Exponential backoff with jitter for outbox retries: base × 2^attempts, capped, times a random 50–100 %.
public struct OutboxBackoff: Sendable {
    public var base: Duration
    public var maximum: Duration
    /// Returns a number in 0..<1; injected so tests can pin the jitter.
    public var random: @Sendable () -> Double

    public init(base: Duration = .seconds(1), maximum: Duration = .seconds(300), random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.base = base
        self.maximum = maximum
        self.random = random
    }

    /// The wait before the next try after `attempts` failed ones (0 → about `base`).
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        let exponential = base.seconds * pow(2, Double(min(max(attempts, 0), 30)))
        let capped = min(exponential, maximum.seconds)
        return capped * (0.5 + 0.5 * random())
    }
}
