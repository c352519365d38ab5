import KioskCore

/// A serial QR scanner as the device runtime keeps it. Generic scanners answer no query, so the probe checks that
/// the port opens and stays open (`SerialQRScanner.probe`); the port is held only while a workflow reads codes.
public typealias SerialQRScannerManagedDevice = QRScannerManagedDevice<SerialQRScanner>

extension SerialQRScanner: ManagedQRScanner {
    public static let kind = "a serial QR scanner"
    public static let heldDuringReads = "port"

    public static func path(in endpoint: DeviceEndpoint) -> String? {
        if case .serial(let path) = endpoint { path } else { nil }
    }

    public func checkHealth() async -> QRScannerHealth {
        await probe()
    }
}
