/// How the fault state machine debounces, suppresses flapping and resolves.
public struct FaultPolicy: Sendable, Equatable {
    /// Failed probes in a row before a fault is raised (the profile's `failures_before_fault`).
    public var failuresBeforeFault: Int
    /// Healthy probes in a row before a raised fault is resolved.
    public var successesBeforeResolve: Int
    /// How far back pass/fail changes count towards flapping.
    public var flapWindow: Duration
    /// Pass/fail changes within the window that make a subject flapping.
    public var flapThreshold: Int

    public init(failuresBeforeFault: Int = 3, successesBeforeResolve: Int = 1, flapWindow: Duration = .seconds(600), flapThreshold: Int = 6) {
        self.failuresBeforeFault = max(1, failuresBeforeFault)
        self.successesBeforeResolve = max(1, successesBeforeResolve)
        self.flapWindow = flapWindow
        self.flapThreshold = max(2, flapThreshold)
    }
}
