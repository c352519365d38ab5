import Glibc
import KioskCore

extension HIDQRScanner {
    /// Checks the scanner: its evdev node exists and opens read-only → online; it is missing → noDevice; it cannot
    /// be opened, or is not a character device → offline, with the reason. While a sequence reads the node, the
    /// probe reports online without touching it.
    public func probe() -> QRScannerHealth {
        if isReading {
            return QRScannerHealth(state: .online, detail: "reading codes from input device \(path)")
        }
        do {
            let device = try QREvdevDevice.open(path)
            device.close()
            return QRScannerHealth(state: .online, detail: "input device \(path) exists and opens")
        } catch {
            switch error {
            case .notFound:
                return QRScannerHealth(state: .noDevice, detail: error.description)
            case .codeTooLong, .notUTF8, .incompleteCode, .unmappedKey, .serial, .permissionDenied, .notAnInputDevice,
                .grabbedElsewhere, .disconnected, .ioFailure, .invalidParameter:
                return QRScannerHealth(state: .offline, detail: error.description)
            }
        }
    }
}
