import KioskCore

/// What the scheduler needs from the device runtime: probe a device, list and try its recovery steps.
///
/// The runtime's `DeviceHub` conforms through a one-file extension; tests use scripted targets.
public protocol ProbeTarget: Sendable {
    /// Checks one device; a failure is a report with a fault, never a throw.
    func probe(_ id: String, level: ProbeLevel) async -> ProbeReport
    /// The recovery steps worth trying for the device, in a technician's order.
    func recoverySteps(_ id: String) async -> [RecoveryStep]
    /// Tries one step and says what it did.
    func recover(_ id: String, _ step: RecoveryStep) async -> RecoveryAttempt
}
