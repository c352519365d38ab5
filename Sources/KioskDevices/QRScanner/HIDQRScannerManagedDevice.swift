import KioskCore
import Logging

/// A QR scanner in USB HID keyboard mode as the device runtime keeps it: the probe checks that its evdev node exists
/// and opens (`HIDQRScanner.probe`); the node is opened and grabbed only while a workflow reads codes.
public final class HIDQRScannerManagedDevice: ManagedDevice {
    public let id: String
    public let endpoint: DeviceEndpoint
    private let scanner: Result<HIDQRScanner, QRScannerError>
    private let profileID: String

    public init(id: String, profile: DeviceProfile, endpoint: DeviceEndpoint, logger: Logger) {
        self.id = id
        self.endpoint = endpoint
        self.profileID = profile.id
        if case .input(let path) = endpoint {
            scanner = Result { () throws(QRScannerError) in try HIDQRScanner(path: path, profile: profile, logger: logger) }
        } else {
            scanner = .failure(.invalidParameter(name: "transport", reason: "a HID QR scanner cannot be reached at \(endpoint)"))
        }
    }

    /// The driver, for the workflows.
    public func currentScanner() throws(DeviceUnavailable) -> HIDQRScanner {
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
            return QRScannerHealth.report(scanner.probe(), deviceID: id, facts: facts)
        }
    }

    /// The node is opened afresh for every read, so there is nothing to reopen.
    public var recoverySteps: [RecoveryStep] { [] }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        RecoveryAttempt(step: step, succeeded: false, detail: "a HID QR scanner holds no node between reads: nothing to recover")
    }

    public func stop() async {}

    private var facts: [String: String] { ["endpoint": endpoint.description, "profile": profileID] }
}
