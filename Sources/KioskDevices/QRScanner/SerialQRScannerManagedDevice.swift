import KioskCore
import Logging

/// A serial QR scanner as the device runtime keeps it. Generic scanners answer no query, so the probe checks that
/// the port opens and stays open (`SerialQRScanner.probe`); the port is held only while a workflow reads codes.
public final class SerialQRScannerManagedDevice: ManagedDevice {
    public let id: String
    public let endpoint: DeviceEndpoint
    /// The driver, or why the profile gives none.
    private let scanner: Result<SerialQRScanner, QRScannerError>
    private let profileID: String

    public init(id: String, profile: DeviceProfile, endpoint: DeviceEndpoint, logger: Logger) {
        self.id = id
        self.endpoint = endpoint
        self.profileID = profile.id
        if case .serial(let path) = endpoint {
            scanner = Result { () throws(QRScannerError) in try SerialQRScanner(path: path, profile: profile, logger: logger) }
        } else {
            scanner = .failure(.invalidParameter(name: "transport", reason: "a serial QR scanner cannot be reached at \(endpoint)"))
        }
    }

    /// The driver, for the workflows.
    public func currentScanner() throws(DeviceUnavailable) -> SerialQRScanner {
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
            return QRScannerHealth.report(await scanner.probe(), deviceID: id, facts: facts)
        }
    }

    /// Nothing is held between reads, so there is nothing to reopen.
    public var recoverySteps: [RecoveryStep] { [] }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        RecoveryAttempt(step: step, succeeded: false, detail: "a serial QR scanner holds no port between reads: nothing to recover")
    }

    public func stop() async {}

    private var facts: [String: String] { ["endpoint": endpoint.description, "profile": profileID] }
}

extension QRScannerHealth {
    /// The probe report this health stands for: a missing node is `device.missing`, any other trouble
    /// `device.not-answering`.
    static func report(_ health: QRScannerHealth, deviceID: String, facts: [String: String]) -> ProbeReport {
        let fault: FaultCode? = switch health.state {
        case .online, .busy: nil
        case .noDevice: .deviceMissing
        case .offline, .hardwareError, .userError: .deviceNotAnswering
        }
        return ProbeReport(deviceID: deviceID, state: health.state, fault: fault, detail: health.detail, facts: facts)
    }
}
