/// The APDUs kioskd sends to a social-security card (PROTOCOLS.md §3), declared once.
public enum SocialSecurityCommand {
    /// The application's name: "sx1.sh." followed by 社会保障 in GBK.
    public static let applicationName: [UInt8] = [
        0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E, 0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF,
    ]

    /// The elementary files the reader reads.
    public enum File: UInt16, Sendable, CaseIterable {
        /// Card data: identification code, region, version, issuer, dates, card number.
        case cardData = 0xEF05
        /// Holder: social-security number, name, sex, nation, birth date.
        case holder = 0xEF06
    }

    /// `00 A4 04 00 0F <name>`: select the social-security application by name.
    public static var selectApplication: CommandAPDU {
        CommandAPDU(ins: 0xA4, p1: 0x04, p2: 0x00, data: applicationName)
    }

    /// `00 A4 02 00 02 EF 0x`: select an elementary file.
    public static func select(_ file: File) -> CommandAPDU {
        CommandAPDU(ins: 0xA4, p1: 0x02, p2: 0x00, data: [UInt8(file.rawValue >> 8), UInt8(file.rawValue & 0xFF)])
    }

    /// `00 B2 <tag> 00 <Le>`: read the record with `tag` from the selected file.
    public static func readRecord(_ field: SocialSecurityField) -> CommandAPDU {
        CommandAPDU(ins: 0xB2, p1: field.rawValue, p2: 0x00, le: UInt8(field.length + 2))
    }

    /// `00 C0 00 00 <Le>`: fetch the bytes a `61xx` announced.
    public static func getResponse(_ length: UInt8) -> CommandAPDU {
        CommandAPDU(ins: 0xC0, p1: 0x00, p2: 0x00, le: length)
    }
}
