import KioskCore

/// One configured device with its driver, as the device runtime keeps it: opened, probed, recovered.
///
/// Each family (ID card, ESC/POS, QR scanner, PC/SC, CUPS, touch display) provides one type that
/// conforms; the runtime creates it from the device's configuration and profile, and the health
/// scheduler and the workflows reach the device only through the runtime.
public protocol ManagedDevice: AnyObject, Sendable {
    /// The logical id from the configuration (`receipt-printer`).
    var id: String { get }
    /// Opens the transport (or finds the queue, the reader…); safe to call again after a failure.
    func start() async
    /// Checks the device at `level` without ever throwing: a failure is a report with a fault.
    func probe(level: ProbeLevel) async -> ProbeReport
    /// The recovery steps that make sense for this device, in the order a technician would try them.
    var recoverySteps: [RecoveryStep] { get }
    /// Tries one recovery step and says what it did.
    func recover(_ step: RecoveryStep) async -> RecoveryAttempt
    /// Closes the transport; the device may be started again later (replug).
    func stop() async
}
