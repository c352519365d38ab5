import Foundation
import KioskCore

/// Small builders for the sandbox's synthetic answers: money texts, certificates, checks on request fields.
enum SandboxFormat {
    /// Yuan with two decimals (`"1980.00"`).
    static func money(_ value: Double) -> JSONValue {
        .string(String(format: "%.2f", value))
    }

    /// `YYYY-MM` of a month counted from year 0 (`year * 12 + month - 1`).
    static func month(_ index: Int) -> String {
        let year = index / 12
        let month = index % 12 + 1
        return "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
    }

    /// The month index of `year`/`month` for `month(_:)`.
    static func monthIndex(_ year: Int, _ month: Int) -> Int {
        year * 12 + month - 1
    }

    /// A certificate object whose code is derived from `seed`, so a retried call gets the same one.
    static func certificate(prefix: String, seed: String, zh: String, en: String) -> JSONValue {
        let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
        var state = seed.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
        var characters: [Character] = []
        for _ in 0..<12 {
            characters.append(alphabet[Int(state % UInt64(alphabet.count))])
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            state ^= state >> 29
        }
        let groups = stride(from: 0, to: 12, by: 4).map { String(characters[$0..<($0 + 4)]) }
        let code = ([prefix] + groups).joined(separator: "-")
        return [
            "title": ["zh-CN": .string(zh), "en": .string(en)],
            "verificationCode": .string(code),
            "verificationUrl": .string("https://verify.\(prefix.lowercased()).example.gov.cn/c/\(code)"),
            "issuedAt": .string(SandboxClock.timestamp()),
            "validUntil": .string(SandboxClock.date(after: 90 * 86_400)),
        ]
    }

    /// Whether `text` is all digits with a length in `lengths`.
    static func isDigits(_ text: String?, lengths: ClosedRange<Int>) -> Bool {
        guard let text else { return false }
        return lengths.contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Whether `text` is a mainland mobile number (11 digits starting with 1).
    static func isPhone(_ text: String?) -> Bool {
        isDigits(text, lengths: 11...11) && text?.first == "1"
    }

    /// The amount of a money text (`"1500"`, `"1500.5"`, `"1500.00"`), nil when not one.
    static func amount(_ text: String?) -> Double? {
        guard let text, !text.isEmpty,
            text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            text.filter({ $0 == "." }).count <= 1,
            (text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0) <= 2
        else { return nil }
        return Double(text)
    }

    /// The `{caseNumber, submittedAt}` of a submission with extra members.
    static func submission(_ caseNumber: String, _ extra: [String: JSONValue] = [:]) -> JSONValue {
        var body = extra
        body["caseNumber"] = .string(caseNumber)
        body["submittedAt"] = .string(SandboxClock.timestamp())
        return .object(body)
    }
}
