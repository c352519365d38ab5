/// The 18-character citizen ID number: 17 digits and an ISO 7064 MOD 11-2 check character (0…9 or X).
public enum IDCardNumber {
    /// The weights 2^(17-i) mod 11 of the first 17 digits.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each value of the weighted sum mod 11.
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character for the first 17 digits, or nil when they are not 17 ASCII digits.
    public static func checkCharacter(forFirst17 digits: some StringProtocol) -> Character? {
        let values = digits.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard digits.count == 17, values.count == 17 else { return nil }
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Whether `number` is 17 digits followed by its check character (a lower-case x counts as X).
    public static func isValid(_ number: some StringProtocol) -> Bool {
        check(number) == .valid
    }

    /// What `number` is: well formed with a right or a wrong check character, or not an ID number at all.
    public static func check(_ number: some StringProtocol) -> IDCardNumberCheck {
        guard number.count == 18, let last = number.last else { return .malformed }
        guard let expected = checkCharacter(forFirst17: number.prefix(17)) else { return .malformed }
        let given = Character(last.uppercased())
        guard given == "X" || (given.isASCII && given.isNumber) else { return .malformed }
        return given == expected ? .valid : .wrongCheckCharacter
    }
}
