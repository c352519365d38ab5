/// Why the data of a well-framed response cannot be used. Messages name fields, never their contents.
public enum IDCardDataError: Error, Sendable, Equatable, Hashable {
    /// A text-block field, for messages.
    public enum Field: String, Sendable, Equatable, Hashable {
        case name, gender, nation, birthDate = "birth date", address, idNumber = "ID number"
        case issuingAuthority = "issuing authority", validFrom = "valid from", validTo = "valid to"
        case appendedAddress = "appended address"
    }

    /// The response data is shorter than its layout needs.
    case tooShort(what: String, expected: Int, received: Int)
    /// The lengths announced in the read response do not match its data.
    case blockLengthsMismatch(text: Int, photo: Int, fingerprint: Int?, dataBytes: Int)
    /// A field does not hold what the layout says it must (a date that is not YYYYMMDD, an unknown gender code…).
    case malformedField(Field)
    /// The ID number's ISO 7064 MOD 11-2 check character does not match its 17 digits.
    case checkDigitMismatch
}

extension IDCardDataError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .tooShort(let what, let expected, let received):
            "ID-card \(what) too short: \(received) bytes where \(expected) are needed; the module may not follow GA 467 here"
        case .blockLengthsMismatch(let text, let photo, let fingerprint, let dataBytes):
            "ID-card read announces text \(text), photo \(photo)\(fingerprint.map { ", fingerprint \($0)" } ?? "") bytes "
                + "but carries \(dataBytes) data bytes; the module may not follow GA 467 here"
        case .malformedField(let field):
            "the card's \(field.rawValue) field is malformed: the card may be damaged or not a resident ID card; ask the citizen to use the counter"
        case .checkDigitMismatch:
            "the card's ID number fails its check digit (ISO 7064 MOD 11-2): the card data cannot be trusted; ask the citizen to use the counter"
        }
    }
}
