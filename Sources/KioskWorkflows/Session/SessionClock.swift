import Foundation

/// The time source of the session engine: monotonic time since an origin, and sleeping.
public protocol SessionClock: Sendable {
    /// Time since the clock's origin.
    var now: Duration { get }
    /// Suspends for `duration` (throws when the task is cancelled).
    func sleep(for duration: Duration) async throws
}

/// The real clock (`ContinuousClock`).
public struct SystemSessionClock: SessionClock {
    private let origin = ContinuousClock.now

    public init() {}

    public var now: Duration { ContinuousClock.now - origin }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// A clock that moves only when told: for tests. `sleep` advances it by the duration and returns at once.
public final class ManualSessionClock: SessionClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Duration = .zero

    public init() {}

    public var now: Duration { lock.withLock { current } }

    /// Moves the clock forward.
    public func advance(by duration: Duration) {
        lock.withLock { current += duration }
    }

    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        advance(by: duration)
        await Task.yield()
    }
}
