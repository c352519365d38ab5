/// Masking helpers for personal data shown to citizens (the screen may be seen by the next person in line).
public enum Masking {
    /// 张*三, 欧阳**三, 李*, *.
    public static func name(_ name: String) -> String {
        let characters = Array(name.trimmingSpaces)
        switch characters.count {
        case 0: return ""
        case 1: return "*"
        case 2: return String(characters[0]) + "*"
        default: return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters[characters.count - 1])
        }
    }

    /// 5325**********1234: the first four and last four kept; all stars when shorter than nine.
    public static func idNumber(_ number: String) -> String {
        keep(number, prefix: 4, suffix: 4)
    }

    /// 138****5678: the first three and last four kept.
    public static func phone(_ phone: String) -> String {
        keep(phone, prefix: 3, suffix: 4)
    }

    /// Only the last four characters kept.
    public static func account(_ account: String) -> String {
        keep(account, prefix: 0, suffix: 4)
    }

    /// The address cut after the district or county (区, 县, 旗), else after the last city (市); a short prefix otherwise.
    public static func address(_ address: String) -> String {
        let characters = Array(address.trimmingSpaces)
        if let index = characters.firstIndex(where: { "区县旗".contains($0) }), index > 0 {
            return String(characters[...index])
        }
        if let index = characters.lastIndex(of: "市"), index > 0 {
            return String(characters[...index])
        }
        return String(characters.prefix(3))
    }

    private static func keep(_ text: String, prefix: Int, suffix: Int) -> String {
        let characters = Array(text)
        guard characters.count > prefix + suffix else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(prefix)) + String(repeating: "*", count: characters.count - prefix - suffix)
            + String(characters.suffix(suffix))
    }
}

extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? endIndex
        return start < end ? self[start..<end] : ""
    }
}
