import Foundation
import KioskStore

/// What is left on a receipt printer's roll and whether it lasts until staff are next on site.
///
/// Pure arithmetic over the printer's counters: paper fed since the roll went in, the average paper per receipt,
/// and the kiosk's recent use; tested with made-up counters and times.
public struct PaperForecast: Sendable, Equatable {
    /// Length of a new roll (the profile's `paper_roll_length_mm`).
    public var rollMillimetres: Int64
    /// Paper fed since the roll went in.
    public var fedOnRollMillimetres: Int64
    /// Paper left on the roll (never negative).
    public var millimetresLeft: Int64
    /// Average paper per receipt (this roll's, else the printer's lifetime, else the default).
    public var millimetresPerReceipt: Double
    /// Receipts the paper left is good for.
    public var receiptsLeft: Int
    /// Fraction of the roll left, 0…1.
    public var level: Double
    /// Receipts a day the kiosk printed recently; nil while the history is too short to say.
    public var receiptsPerDay: Double?
    /// Receipts the kiosk is expected to print until staff are next on site (at least the settings' minimum).
    public var neededUntilNextMorning: Int
    /// True when the paper left is not expected to last until then.
    public var low: Bool

    /// Settings of the estimate.
    public struct Settings: Sendable, Equatable {
        /// Paper per receipt assumed before enough receipts were printed to measure it.
        public var defaultMillimetresPerReceipt: Double
        /// Receipts needed before their average paper is trusted.
        public var receiptsForAverage: Int64
        /// Receipts always kept in hand: below this the paper is low whatever the history says.
        public var minimumReceipts: Int
        /// How far back the recent use is measured.
        public var usageWindow: TimeInterval
        /// The shortest history that gives a usage rate.
        public var minimumHistory: TimeInterval

        public init(
            defaultMillimetresPerReceipt: Double = 120, receiptsForAverage: Int64 = 5, minimumReceipts: Int = 10,
            usageWindow: TimeInterval = 7 * 86400, minimumHistory: TimeInterval = 6 * 3600
        ) {
            self.defaultMillimetresPerReceipt = defaultMillimetresPerReceipt
            self.receiptsForAverage = receiptsForAverage
            self.minimumReceipts = minimumReceipts
            self.usageWindow = usageWindow
            self.minimumHistory = minimumHistory
        }
    }

    /// The forecast from the roll change, the counters `now`, the kept counter samples (oldest first) and the next
    /// time staff are on site.
    public static func estimate(
        rollMillimetres: Int64, roll: PaperRollChange, now: PaperCounterSample, samples: [PaperCounterSample],
        nextMorning: Date, settings: Settings = Settings()
    ) -> PaperForecast {
        let rollLength = max(rollMillimetres, 1)
        let fedOnRoll = max(now.fedMillimetres - roll.counters.fedMillimetres, 0)
        let receiptsOnRoll = max(now.receipts - roll.counters.receipts, 0)
        let perReceipt: Double
        if receiptsOnRoll >= settings.receiptsForAverage {
            perReceipt = Double(fedOnRoll) / Double(receiptsOnRoll)
        } else if now.receipts >= settings.receiptsForAverage {
            perReceipt = Double(now.fedMillimetres) / Double(now.receipts)
        } else {
            perReceipt = settings.defaultMillimetresPerReceipt
        }
        let left = max(rollLength - fedOnRoll, 0)
        let receiptsLeft = Int((Double(left) / max(perReceipt, 1)).rounded(.down))

        let perDay = dailyUse(now: now, samples: samples, settings: settings)
        let hours = max(nextMorning.timeIntervalSince(now.time), 0) / 3600
        let needed = max(settings.minimumReceipts, Int(((perDay ?? 0) * hours / 24).rounded(.up)))
        return PaperForecast(
            rollMillimetres: rollLength, fedOnRollMillimetres: fedOnRoll, millimetresLeft: left, millimetresPerReceipt: perReceipt,
            receiptsLeft: receiptsLeft, level: Double(left) / Double(rollLength), receiptsPerDay: perDay,
            neededUntilNextMorning: needed, low: receiptsLeft < needed)
    }

    /// Receipts a day over the usage window: from the oldest sample inside it to now; nil when that spans less than
    /// the minimum history (or the counters went back, a replaced database).
    static func dailyUse(now: PaperCounterSample, samples: [PaperCounterSample], settings: Settings) -> Double? {
        let earliest = now.time.addingTimeInterval(-settings.usageWindow)
        guard let oldest = samples.first(where: { $0.time >= earliest && $0.time < now.time }) else { return nil }
        let span = now.time.timeIntervalSince(oldest.time)
        guard span >= settings.minimumHistory, now.receipts >= oldest.receipts else { return nil }
        return Double(now.receipts - oldest.receipts) / span * 86400
    }

    /// One line for the fault's detail and `kioskctl diag` (no personal data: counters only).
    public var detail: String {
        let use = receiptsPerDay.map { "about \(Int($0.rounded())) receipts a day" } ?? "no usage history yet"
        return "about \(receiptsLeft) receipts left (\(millimetresLeft) of \(rollMillimetres) mm, \(Int(millimetresPerReceipt.rounded())) mm per receipt); "
            + "\(use), \(neededUntilNextMorning) needed until staff are next on site"
    }
}
