/// How a personal value is masked before it reaches the screen, a receipt or a certificate.
public enum PersonalKind: String, Sendable, Hashable, CaseIterable {
    /// 张*三.
    case name
    /// 5325**********1234.
    case idNumber = "id-number"
    /// 138****5678.
    case phone
    /// Cut after the district: 云南省昆明市五华区.
    case address
    /// A card or bank account number: only the last four characters remain.
    case account

    /// The masked text.
    public func mask(_ text: String) -> String {
        switch self {
        case .name: Masking.name(text)
        case .idNumber: Masking.idNumber(text)
        case .phone: Masking.phone(text)
        case .address: Masking.address(text)
        case .account: Masking.account(text)
        }
    }
}
