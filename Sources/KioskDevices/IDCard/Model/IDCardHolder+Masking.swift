extension IDCardHolder: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `IDCardHolder(name: 张*三, idNumber: 5325**********1234, photo: WLT photo, 1024 bytes)`: masked, safe to log.
    public var description: String {
        var parts = ["name: \(maskedName)", "idNumber: \(maskedIDNumber)", "photo: \(photo)"]
        if let fingerprint { parts.append("fingerprint: \(fingerprint.count) bytes") }
        return "IDCardHolder(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    /// A mirror with the masked fields only, so that `dump` and test failure messages cannot show personal data.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": maskedName, "idNumber": maskedIDNumber, "photo": photo.description], displayStyle: .struct)
    }

    /// The name with every character but the first and the last replaced by `*` (张*三; 李* for two characters).
    public var maskedName: String { Self.mask(name: name) }

    /// The ID number with all but its first four and last four characters replaced by `*` (5325**********1234).
    public var maskedIDNumber: String { Self.mask(idNumber: idNumber) }

    /// 张*三, 欧阳**三, 李*, *.
    public static func mask(name: String) -> String {
        let characters = Array(name)
        switch characters.count {
        case 0: return ""
        case 1: return "*"
        case 2: return String(characters[0]) + "*"
        default: return String(characters[0]) + String(repeating: "*", count: characters.count - 2) + String(characters[characters.count - 1])
        }
    }

    /// 5325**********1234; all stars for anything shorter than nine characters.
    public static func mask(idNumber: String) -> String {
        let characters = Array(idNumber)
        guard characters.count > 8 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 8) + String(characters.suffix(4))
    }
}
