/// What a social-security card says about itself and its holder (EF05 and EF06); personal data, never logged.
///
/// Its `description`, `debugDescription` and mirror are masked (see `SocialSecurityCard+Masking`).
public struct SocialSecurityCard: Sendable, Equatable {
    /// EF05: the card.
    public struct CardData: Sendable, Equatable {
        /// Card identification code (16 characters; the first 6 digits are the region).
        public var identifier: String
        /// The issuing region's 6-digit code.
        public var region: String { String(identifier.prefix(6)) }
        /// Specification version (`3.00` for the third generation).
        public var specificationVersion: String
        /// The issuing institution's code.
        public var issuer: String
        public var issueDate: CardDate
        public var expiryDate: CardDate
        /// The card number (9 characters).
        public var cardNumber: String

        public init(identifier: String, specificationVersion: String, issuer: String, issueDate: CardDate, expiryDate: CardDate, cardNumber: String) {
            self.identifier = identifier
            self.specificationVersion = specificationVersion
            self.issuer = issuer
            self.issueDate = issueDate
            self.expiryDate = expiryDate
            self.cardNumber = cardNumber
        }

        /// Whether the card has expired on `date` (expiry day included as valid).
        public func isExpired(on date: CardDate) -> Bool {
            (date.year, date.month, date.day) > (expiryDate.year, expiryDate.month, expiryDate.day)
        }
    }

    /// EF06: the holder.
    public struct Holder: Sendable, Equatable {
        /// Social-security number (the citizen's 18-character ID number).
        public var socialSecurityNumber: String
        /// Name, decoded from GBK.
        public var name: String
        public var sex: IDCardGender
        public var nation: IDCardNation
        public var birthDate: CardDate

        public init(socialSecurityNumber: String, name: String, sex: IDCardGender, nation: IDCardNation, birthDate: CardDate) {
            self.socialSecurityNumber = socialSecurityNumber
            self.name = name
            self.sex = sex
            self.nation = nation
            self.birthDate = birthDate
        }
    }

    public var card: CardData
    public var holder: Holder
    /// The ATR of the card as the reader saw it (not personal).
    public var atr: [UInt8]

    public init(card: CardData, holder: Holder, atr: [UInt8] = []) {
        self.card = card
        self.holder = holder
        self.atr = atr
    }
}
