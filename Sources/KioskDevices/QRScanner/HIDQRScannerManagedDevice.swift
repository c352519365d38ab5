import KioskCore

/// A QR scanner in USB HID keyboard mode as the device runtime keeps it: the probe checks that its evdev node exists
/// and opens (`HIDQRScanner.probe`); the node is opened and grabbed only while a workflow reads codes.
public typealias HIDQRScannerManagedDevice = QRScannerManagedDevice<HIDQRScanner>

extension HIDQRScanner: ManagedQRScanner {
    public static let kind = "a HID QR scanner"
    public static let heldDuringReads = "node"

    public static func path(in endpoint: DeviceEndpoint) -> String? {
        if case .input(let path) = endpoint { path } else { nil }
    }

    public func checkHealth() async -> QRScannerHealth {
        probe()
    }
}
