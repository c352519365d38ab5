import Foundation

/// Wall-clock texts the sandbox puts in its answers (Beijing time, as a department would).
enum SandboxClock {
    /// RFC 3339 time with the +08:00 offset, `offset` from now.
    static func timestamp(after offset: TimeInterval = 0) -> String {
        format("yyyy-MM-dd'T'HH:mm:ssxxx", Date().addingTimeInterval(offset))
    }

    /// `YYYY-MM-DD`, `offset` from now.
    static func date(after offset: TimeInterval = 0) -> String {
        format("yyyy-MM-dd", Date().addingTimeInterval(offset))
    }

    /// `YYYYMMDD` of today, for case numbers.
    static func compactDate() -> String {
        format("yyyyMMdd", Date())
    }

    private static func format(_ pattern: String, _ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
