/// The driver of a configured QR scanner, whichever way it is connected.
public enum QRScannerDriver: Sendable {
    case serial(SerialQRScanner)
    case hid(HIDQRScanner)

    /// The codes scanned from now on (rejected codes skipped), until the scanner is unplugged or the consumer stops.
    public func codes() async throws(QRScannerError) -> AsyncThrowingStream<ScannedCode, any Error> {
        switch self {
        case .serial(let scanner): try await scanner.codes()
        case .hid(let scanner): try scanner.codes()
        }
    }
}
