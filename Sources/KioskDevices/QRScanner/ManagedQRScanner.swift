import KioskCore
import Logging

/// A QR-scanner driver as `QRScannerManagedDevice` keeps it: made from the path its endpoint names, and checked
/// without holding anything open between reads.
public protocol ManagedQRScanner: Sendable {
    /// The scanner in messages ("a serial QR scanner").
    static var kind: String { get }
    /// What it opens for each read and closes after ("port").
    static var heldDuringReads: String { get }
    /// The path in `endpoint` this scanner is reached at; nil when it cannot be reached there.
    static func path(in endpoint: DeviceEndpoint) -> String?
    /// The driver at `path`, with the profile's parameters.
    init(path: String, profile: DeviceProfile, logger: Logger) throws(QRScannerError)
    /// Whether the scanner is there now (its port or node exists and opens).
    func checkHealth() async -> QRScannerHealth
}
