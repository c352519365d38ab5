import Foundation

/// The time source of the probe scheduler, injected so tests can drive time by hand.
public protocol HealthClock: Sendable {
    func now() -> Date
    /// Returns at `deadline`, or early when the task is cancelled.
    func sleep(until deadline: Date) async
}

/// The wall clock with `Task.sleep`.
public struct SystemHealthClock: HealthClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds > 0 else { return }
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
    }
}
