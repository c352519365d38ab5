/// Reads a social-security card over a channel: select the application by name, run the
/// authentication steps, select EF05 and EF06 and read their records by tag (PROTOCOLS.md §3).
public struct SocialSecurityApplication: Sendable {
    /// Steps between selecting the application and reading (a PSAM authentication); none by default.
    public var authenticationSteps: [any CardAuthenticationStep]

    public init(authenticationSteps: [any CardAuthenticationStep] = []) {
        self.authenticationSteps = authenticationSteps
    }

    /// Reads both files; `atr` is kept in the result.
    public func read(over channel: any CardChannel, atr: [UInt8] = []) async throws -> SocialSecurityCard {
        let exchange = APDUExchange(channel: channel)
        do {
            _ = try await exchange.data(SocialSecurityCommand.selectApplication, step: .selectApplication)
        } catch SocialSecurityError.status(.fileNotFound, _) {
            throw SocialSecurityError.unknownApplication
        }
        for step in authenticationSteps {
            try await step.authenticate(exchange)
        }
        let cardRecords = try await records(of: .cardData, exchange)
        let holderRecords = try await records(of: .holder, exchange)
        return try Self.card(cardRecords.merging(holderRecords) { first, _ in first }, atr: atr)
    }

    /// The records of `file`, by tag.
    func records(of file: SocialSecurityCommand.File, _ exchange: APDUExchange) async throws -> [SocialSecurityField: TLVRecord] {
        _ = try await exchange.data(SocialSecurityCommand.select(file), step: .selectFile(file))
        var records: [SocialSecurityField: TLVRecord] = [:]
        for field in SocialSecurityField.fields(of: file) {
            let data = try await exchange.data(SocialSecurityCommand.readRecord(field), step: .readRecord(field))
            records[field] = try TLVRecord(parsing: data, expected: field.rawValue)
        }
        return records
    }

    /// The card the records describe.
    public static func card(_ records: [SocialSecurityField: TLVRecord], atr: [UInt8] = []) throws -> SocialSecurityCard {
        func record(_ field: SocialSecurityField) throws -> TLVRecord {
            guard let record = records[field] else { throw SocialSecurityError.cardMisbehaves(detail: "record \(CardHex.string([field.rawValue])) missing") }
            return record
        }
        let card = SocialSecurityCard.CardData(
            identifier: try record(.cardIdentifier).asciiText(),
            specificationVersion: try record(.specificationVersion).asciiText(),
            issuer: try record(.issuer).asciiText(),
            issueDate: try record(.issueDate).bcdDate(),
            expiryDate: try record(.expiryDate).bcdDate(),
            cardNumber: try record(.cardNumber).asciiText()
        )
        let holder = SocialSecurityCard.Holder(
            socialSecurityNumber: try record(.socialSecurityNumber).asciiText(),
            name: try record(.name).gbkText(),
            sex: Self.sex(try record(.sex).value),
            nation: IDCardNation(code: Self.number(try record(.nation).value)),
            birthDate: try record(.birthDate).bcdDate()
        )
        return SocialSecurityCard(card: card, holder: holder, atr: atr)
    }

    /// Sex as one byte, binary (`01`) or ASCII (`31`).
    static func sex(_ value: [UInt8]) -> IDCardGender {
        IDCardGender(rawValue: UInt8(clamping: number(value))) ?? .unknown
    }

    /// A one-byte code, binary or an ASCII digit.
    static func number(_ value: [UInt8]) -> Int {
        guard let byte = value.first else { return 0 }
        return (0x30...0x39).contains(byte) ? Int(byte - 0x30) : Int(byte)
    }
}
