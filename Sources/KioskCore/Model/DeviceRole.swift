/// What a configured device does for the kiosk; workflows ask for devices by role.
public enum DeviceRole: String, Sendable, CaseIterable, Codable {
    case idCardReader = "id-card-reader"
    case socialSecurityCardReader = "social-security-card-reader"
    case receiptPrinter = "receipt-printer"
    case a4Printer = "a4-printer"
    case qrScanner = "qr-scanner"
    case touchDisplay = "touch-display"
}
