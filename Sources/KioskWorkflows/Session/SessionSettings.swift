import Foundation

/// How the session manager runs: idle timing, the kiosk id on paper, and the timer.
public struct SessionSettings: Sendable {
    public var idle: IdleSettings
    /// The kiosk's id, printed on receipts and certificates.
    public var kioskID: String
    /// How often the idle timer is checked; nil when the owner calls `tick()` itself (tests).
    public var tickInterval: Duration?
    /// How many ended sessions are remembered (id and outcome only) for a later `GET`.
    public var rememberedEnded: Int

    public init(idle: IdleSettings = IdleSettings(), kioskID: String, tickInterval: Duration? = .seconds(1), rememberedEnded: Int = 16) {
        self.idle = idle
        self.kioskID = kioskID
        self.tickInterval = tickInterval
        self.rememberedEnded = rememberedEnded
    }

    /// Wall-clock time as printed: `2026-12-01 10:15` in China Standard Time.
    public static let printedTime: @Sendable () -> String = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date())
    }
}
