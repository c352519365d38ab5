/// The records of EF05 and EF06 kioskd reads, by tag, with their lengths (PROTOCOLS.md §3).
public enum SocialSecurityField: UInt8, Sendable, CaseIterable {
    // EF05, card data.
    case cardIdentifier = 0x01
    case specificationVersion = 0x03
    case issuer = 0x04
    case issueDate = 0x05
    case expiryDate = 0x06
    case cardNumber = 0x07
    // EF06, holder.
    case socialSecurityNumber = 0x08
    case name = 0x09
    case sex = 0x0A
    case nation = 0x0B
    case birthDate = 0x0D

    /// The value's length in bytes.
    public var length: Int {
        switch self {
        case .cardIdentifier: 16
        case .specificationVersion: 4
        case .issuer: 12
        case .issueDate, .expiryDate, .birthDate: 4
        case .cardNumber: 9
        case .socialSecurityNumber: 18
        case .name: 30
        case .sex, .nation: 1
        }
    }

    /// The file that holds the record.
    public var file: SocialSecurityCommand.File {
        switch self {
        case .cardIdentifier, .specificationVersion, .issuer, .issueDate, .expiryDate, .cardNumber: .cardData
        case .socialSecurityNumber, .name, .sex, .nation, .birthDate: .holder
        }
    }

    /// The fields of `file`, in tag order.
    public static func fields(of file: SocialSecurityCommand.File) -> [SocialSecurityField] {
        allCases.filter { $0.file == file }
    }
}
