/// A calendar date as a social-security card stores it: 4 BCD bytes `YYYY MM DD`.
public struct CardDate: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...31).contains(day), (1900...2999).contains(year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// From 4 BCD bytes (`20 24 03 15` = 2024-03-15), nil for non-BCD nibbles or an impossible date.
    public init?(bcd: [UInt8]) {
        guard bcd.count == 4 else { return nil }
        var digits: [Int] = []
        for byte in bcd {
            let high = Int(byte >> 4), low = Int(byte & 0x0F)
            guard high <= 9, low <= 9 else { return nil }
            digits += [high, low]
        }
        let year = digits[0..<4].reduce(0) { $0 * 10 + $1 }
        let month = digits[4..<6].reduce(0) { $0 * 10 + $1 }
        let day = digits[6..<8].reduce(0) { $0 * 10 + $1 }
        self.init(year: year, month: month, day: day)
    }

    /// The 4 BCD bytes.
    public var bcd: [UInt8] {
        let digits = padded(year, 4) + padded(month, 2) + padded(day, 2)
        let values = digits.compactMap { $0.wholeNumberValue }.map(UInt8.init)
        return stride(from: 0, to: 8, by: 2).map { values[$0] << 4 | values[$0 + 1] }
    }

    /// `2024-03-15`.
    public var description: String {
        "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}

/// `value` in decimal, zero-padded to `width`.
private func padded(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}
