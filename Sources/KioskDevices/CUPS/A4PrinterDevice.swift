import KioskCore
import Logging

/// The A4 printer as the device runtime manages it: IPP printer state → `ProbeReport` (a4.* faults);
/// `enable-queue` re-enables a stopped queue.
public final class A4PrinterDevice: ManagedDevice {
    public let id: String
    public let printer: A4Printer

    public init(id: String, configuration: A4PrinterConfiguration, logger: Logger) {
        self.id = id
        self.printer = A4Printer(configuration: configuration, logger: logger)
    }

    public func start() async {}
    public func stop() async {}

    public var recoverySteps: [RecoveryStep] { [.enableQueue] }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        guard step == .enableQueue else {
            return RecoveryAttempt(step: step, succeeded: false, detail: "\(step.rawValue) does not apply to a CUPS queue")
        }
        do {
            try await printer.enableQueue()
            return RecoveryAttempt(step: step, succeeded: true, detail: "queue \(printer.configuration.queue) resumed and accepting jobs")
        } catch {
            return RecoveryAttempt(step: step, succeeded: false, detail: error.description)
        }
    }

    public func probe(level: ProbeLevel) async -> ProbeReport {
        let queue = printer.configuration.queue
        do {
            return try await printer.status().report(deviceID: id, queue: queue)
        } catch {
            return Self.report(id: id, queue: queue, error: error)
        }
    }

    /// The report when cupsd could not be asked.
    public static func report(id: String, queue: String, error: CUPSError) -> ProbeReport {
        switch error {
        case .queueMissing:
            ProbeReport(deviceID: id, state: .noDevice, fault: .deviceMissing, detail: error.description, facts: ["queue": queue])
        case .serverUnavailable:
            ProbeReport(deviceID: id, state: .offline, fault: .deviceNotAnswering, detail: error.description, facts: ["queue": queue])
        default:
            ProbeReport(deviceID: id, state: .offline, fault: .deviceDriverError, detail: error.description, facts: ["queue": queue])
        }
    }
}
