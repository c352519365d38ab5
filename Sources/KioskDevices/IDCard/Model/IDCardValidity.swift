/// The end of a card's validity: a date, or 长期 (long-term, no end).
public enum IDCardValidity: Sendable, Equatable, Hashable {
    case until(IDCardDate)
    case longTerm

    /// What the card stores for long-term validity.
    public static let longTermText = "长期"

    /// Parses `YYYYMMDD` or `长期`.
    public init?(text: some StringProtocol) {
        if text == Self.longTermText {
            self = .longTerm
        } else if let date = IDCardDate(text: text) {
            self = .until(date)
        } else {
            return nil
        }
    }

    /// `YYYYMMDD` or `长期`, as the card stores it.
    public var text: String {
        switch self {
        case .until(let date): date.text
        case .longTerm: Self.longTermText
        }
    }

    /// Whether the card has expired on `today` (a long-term card never does; the end date itself is still valid).
    public func isExpired(on today: IDCardDate) -> Bool {
        switch self {
        case .until(let end): end < today
        case .longTerm: false
        }
    }
}
