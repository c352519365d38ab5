import Foundation

/// The daily window in local time when staff can act on a warning (default 08:00–18:00); paper warnings are raised
/// only inside it, so the roll is replaced before night rather than an engineer called out at 02:00.
public struct WorkingHours: Sendable, Equatable, CustomStringConvertible {
    /// Minutes after local midnight when the window opens.
    public var startMinute: Int
    /// Minutes after local midnight when it closes (after `startMinute`).
    public var endMinute: Int
    public var timeZone: TimeZone

    public init(startMinute: Int = 8 * 60, endMinute: Int = 18 * 60, timeZone: TimeZone = .current) {
        self.startMinute = min(max(startMinute, 0), 24 * 60 - 1)
        self.endMinute = min(max(endMinute, self.startMinute + 1), 24 * 60)
        self.timeZone = timeZone
    }

    /// Parses `HH:MM-HH:MM` (e.g. `08:00-18:00`); nil when it is not one or the end is not after the start.
    public init?(_ text: String, timeZone: TimeZone = .current) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = Self.minute(parts[0]), let end = Self.minute(parts[1]), end > start else { return nil }
        self.init(startMinute: start, endMinute: end, timeZone: timeZone)
    }

    private static func minute(_ text: String) -> Int? {
        let fields = text.split(separator: ":")
        guard fields.count == 2, let hour = Int(fields[0]), let minute = Int(fields[1]),
              (0...24).contains(hour), (0..<60).contains(minute), hour * 60 + minute <= 24 * 60
        else { return nil }
        return hour * 60 + minute
    }

    public var description: String {
        String(format: "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// True when `date` is inside the window.
    public func contains(_ date: Date) -> Bool {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
        return minute >= startMinute && minute < endMinute
    }

    /// The first opening of the window strictly after `date` (tomorrow's when today's has begun).
    public func nextStart(after date: Date) -> Date {
        let midnight = calendar.startOfDay(for: date)
        for day in 0...2 {
            guard let dayStart = calendar.date(byAdding: .day, value: day, to: midnight),
                  let opening = calendar.date(byAdding: .minute, value: startMinute, to: dayStart)
            else { continue }
            if opening > date { return opening }
        }
        return date.addingTimeInterval(24 * 3600)
    }
}
