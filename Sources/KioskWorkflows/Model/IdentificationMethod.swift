import KioskCore

/// How a citizen proves who they are (or which case they mean) at the start of a service.
public enum IdentificationMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Resident ID card on the ID-card reader.
    case idCard = "id-card"
    /// Social-security card on the PC/SC reader.
    case socialSecurityCard = "social-security-card"
    /// Medical-insurance e-voucher QR code on the scanner.
    case medicalInsuranceQR = "mi-qr"
    /// A case number typed on the keypad (or scanned from a receipt when a scanner is there).
    case caseNumber = "case-number"

    /// The device the method needs; nil for the on-screen keypad.
    public var deviceRole: DeviceRole? {
        switch self {
        case .idCard: .idCardReader
        case .socialSecurityCard: .socialSecurityCardReader
        case .medicalInsuranceQR: .qrScanner
        case .caseNumber: nil
        }
    }
}
