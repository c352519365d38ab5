import KioskCore

/// The managed device of a configured device kioskd cannot drive (yet): it reports `offline` with the reason and
/// never pretends to be online.
public final class PlaceholderDevice: ManagedDevice {
    public let id: String
    /// Why the device is not driven, as probes report it.
    public let reason: String

    /// The detail a driver kind without a runtime implementation reports.
    public static let driverNotAvailable = "driver not available yet"

    public init(id: String, reason: String = PlaceholderDevice.driverNotAvailable) {
        self.id = id
        self.reason = reason
    }

    public func start() async {}

    public func probe(level: ProbeLevel) async -> ProbeReport {
        ProbeReport(deviceID: id, state: .offline, fault: nil, detail: reason)
    }

    public var recoverySteps: [RecoveryStep] { [] }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        RecoveryAttempt(step: step, succeeded: false, detail: "\(id) is not driven by kioskd: \(reason)")
    }

    public func stop() async {}
}
