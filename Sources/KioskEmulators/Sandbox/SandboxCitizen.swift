import KioskCore

/// A fictional citizen the sandbox departments know: the ID-card emulator's sample holder and their other identifiers.
public struct SandboxCitizen: Sendable, Equatable {
    /// The emulator card key (`zhang`).
    public var key: String
    /// The ID number on the emulated ID card.
    public var idNumber: String
    /// The social-security card number, when the citizen has a card.
    public var ssn: String?
    /// The medical-insurance e-voucher QR text, when the citizen has one.
    public var voucher: String?

    public init(key: String, idNumber: String, ssn: String? = nil, voucher: String? = nil) {
        self.key = key
        self.idNumber = idNumber
        self.ssn = ssn
        self.voucher = voucher
    }

    /// The citizens every sandbox department knows (zhao, whose card fails its check, is unknown to all).
    public static let all: [SandboxCitizen] = [
        citizen("zhang", ssn: "S99000001", voucher: "MIQR1.9901.ZC7K3P9QXD2M"),
        citizen("li", ssn: "S99000002", voucher: "MIQR1.9901.LS4H8W2NVB6T"),
        citizen("wang", ssn: "S99000003"),
        citizen("ouyang", voucher: "MIQR1.9901.OY9D5R1KTF3C"),
    ]

    /// The citizen with this key.
    public static func named(_ key: String) -> SandboxCitizen? {
        all.first { $0.key == key }
    }

    /// The citizen a request body identifies by `idNumber`, `ssn` or `voucher`, if any.
    public static func identified(by body: JSONValue) -> SandboxCitizen? {
        if let id = body["idNumber"]?.stringValue { return all.first { $0.idNumber == id.uppercased() } }
        if let ssn = body["ssn"]?.stringValue { return all.first { $0.ssn == ssn } }
        if let voucher = body["voucher"]?.stringValue { return all.first { $0.voucher == voucher } }
        return nil
    }

    private static func citizen(_ key: String, ssn: String? = nil, voucher: String? = nil) -> SandboxCitizen {
        let card = IDCardEmulatorCard.samples.first { $0.key == key }
        return SandboxCitizen(key: key, idNumber: card?.holder.idNumber ?? "", ssn: ssn, voucher: voucher)
    }
}
