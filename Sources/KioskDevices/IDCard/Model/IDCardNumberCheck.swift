/// The outcome of checking an ID number.
public enum IDCardNumberCheck: Sendable, Equatable, Hashable {
    /// 17 digits and the right check character.
    case valid
    /// 17 digits and a check character that does not match them: a misread or forged number.
    case wrongCheckCharacter
    /// Not 17 digits and a check character.
    case malformed
}
