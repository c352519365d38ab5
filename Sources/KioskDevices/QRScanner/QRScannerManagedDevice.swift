import KioskCore
import Logging

/// A QR scanner as the device runtime keeps it, serial (`SerialQRScannerManagedDevice`) or USB HID
/// (`HIDQRScannerManagedDevice`). Nothing is held between reads, so there is nothing to start, stop or recover;
/// the probe checks that the port or node is there and opens, and the workflows get the driver itself.
public final class QRScannerManagedDevice<Scanner: ManagedQRScanner>: ManagedDevice {
    public let id: String
    public let endpoint: DeviceEndpoint
    /// The driver, or why the profile gives none.
    private let scanner: Result<Scanner, QRScannerError>
    private let profileID: String

    public init(id: String, profile: DeviceProfile, endpoint: DeviceEndpoint, logger: Logger) {
        self.id = id
        self.endpoint = endpoint
        self.profileID = profile.id
        if let path = Scanner.path(in: endpoint) {
            scanner = Result { () throws(QRScannerError) in try Scanner(path: path, profile: profile, logger: logger) }
        } else {
            scanner = .failure(.invalidParameter(name: "transport", reason: "\(Scanner.kind) cannot be reached at \(endpoint)"))
        }
    }

    /// The driver, for the workflows.
    public func currentScanner() throws(DeviceUnavailable) -> Scanner {
        switch scanner {
        case .success(let scanner): return scanner
        case .failure(let error): throw .notOpen(id: id, detail: error.description)
        }
    }

    public func start() async {}

    public func probe(level: ProbeLevel) async -> ProbeReport {
        switch scanner {
        case .failure(let error):
            return ProbeReport(deviceID: id, state: .offline, fault: .deviceDriverError, detail: error.description, facts: facts)
        case .success(let scanner):
            return QRScannerHealth.report(await scanner.checkHealth(), deviceID: id, facts: facts)
        }
    }

    /// Nothing is held between reads, so there is nothing to reopen.
    public var recoverySteps: [RecoveryStep] { [] }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        RecoveryAttempt(
            step: step, succeeded: false,
            detail: "\(Scanner.kind) holds no \(Scanner.heldDuringReads) between reads: nothing to recover")
    }

    public func stop() async {}

    private var facts: [String: String] { ["endpoint": endpoint.description, "profile": profileID] }
}
