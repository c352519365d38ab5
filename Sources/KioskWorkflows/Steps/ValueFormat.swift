import Foundation
import KioskCore

/// How a response value is written on screen and paper.
public enum ValueFormat: String, Sendable, Hashable, CaseIterable {
    /// As it comes (numbers without a needless `.0`).
    case text
    /// Money in yuan: ¥1234.50.
    case amount
    /// A date written `2024-05-01` (accepts `20240501` too).
    case date
    /// The number of items of a list.
    case count

    /// The value as text in `language`; nil for null or a missing value.
    public func render(_ value: JSONValue, language: String) -> String? {
        switch (self, value) {
        case (_, .null): return nil
        case (.count, .array(let items)): return String(items.count)
        case (.amount, .number(let number)): return Self.yuan(number)
        case (.amount, .string(let text)): return Double(text).map(Self.yuan) ?? text
        case (.date, .string(let text)) where text.count == 8 && text.allSatisfy(\.isNumber):
            return "\(text.prefix(4))-\(text.dropFirst(4).prefix(2))-\(text.suffix(2))"
        case (_, .string(let text)): return text
        case (_, .number(let number)): return Self.plain(number)
        case (_, .bool(let flag)): return LocalizedText(zh: flag ? "是" : "否", en: flag ? "yes" : "no").text(language)
        case (_, .array(let items)): return items.compactMap { render($0, language: language) }.joined(separator: ", ")
        case (_, .object(let members)):
            // A localized text from a department ({"zh-CN": …, "en": …}).
            return (members[language] ?? members["zh-CN"])?.stringValue
        }
    }

    /// ¥1234.50.
    public static func yuan(_ amount: Double) -> String {
        let cents = Int((amount * 100).rounded())
        let sign = cents < 0 ? "-" : ""
        let whole = abs(cents) / 100
        let fraction = abs(cents) % 100
        return "\(sign)¥\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func plain(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int(number)) }
        return String(number)
    }
}
