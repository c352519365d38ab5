import Foundation
import KioskCore
import KioskStore
import Testing
@testable import KioskHealth

@Suite("Paper forecast")
struct PaperForecastTests {
    static let utc = TimeZone(identifier: "UTC")!

    /// A UTC time on 2026-03-`day` at `hour`:`minute`.
    static func time(day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utc
        return calendar.date(from: DateComponents(year: 2026, month: 3, day: day, hour: hour, minute: minute))!
    }

    static func sample(_ time: Date, fed: Int64, receipts: Int64) -> PaperCounterSample {
        PaperCounterSample(time: time, fedMillimetres: fed, receipts: receipts)
    }

    @Test("working hours parse HH:MM-HH:MM, contain their start but not their end, and open next on the following morning")
    func workingHours() throws {
        let hours = try #require(WorkingHours("07:30-19:00", timeZone: Self.utc))
        #expect(hours.description == "07:30-19:00")
        #expect(hours.contains(Self.time(day: 2, 7, 30)))
        #expect(!hours.contains(Self.time(day: 2, 7, 29)))
        #expect(!hours.contains(Self.time(day: 2, 19, 0)))
        #expect(hours.nextStart(after: Self.time(day: 2, 6, 0)) == Self.time(day: 2, 7, 30))
        #expect(hours.nextStart(after: Self.time(day: 2, 12, 0)) == Self.time(day: 3, 7, 30))
        #expect(WorkingHours("18:00-08:00") == nil)
        #expect(WorkingHours("8-18") == nil)
        #expect(WorkingHours() == WorkingHours(startMinute: 480, endMinute: 1080))
    }

    @Test("a fresh roll without history: the default paper per receipt and the minimum reserve; not low")
    func freshRoll() {
        let start = Self.time(day: 2, 9)
        let roll = PaperRollChange(changedAt: start, counters: Self.sample(start, fed: 0, receipts: 0), reason: "test")
        let forecast = PaperForecast.estimate(
            rollMillimetres: 50_000, roll: roll, now: Self.sample(start, fed: 0, receipts: 0), samples: [], nextMorning: Self.time(day: 3, 8))
        #expect(forecast.receiptsLeft == 416)  // 50 m at 120 mm a receipt
        #expect(forecast.level == 1)
        #expect(forecast.receiptsPerDay == nil)
        #expect(forecast.neededUntilNextMorning == 10)
        #expect(!forecast.low)
    }

    @Test("the roll's own average and the recent daily use decide: low when the rest will not last until morning")
    func lowBeforeNight() {
        let changed = Self.time(day: 1, 12)
        let roll = PaperRollChange(changedAt: changed, counters: Self.sample(changed, fed: 100_000, receipts: 1000), reason: "test")
        // 45 m fed on this roll over 300 receipts (150 mm each); 5 m left: 33 receipts.
        let now = Self.sample(Self.time(day: 2, 17), fed: 145_000, receipts: 1300)
        let samples = [Self.sample(Self.time(day: 1, 17), fed: 130_000, receipts: 1200)]  // 100 receipts in the last 24 h
        let evening = PaperForecast.estimate(rollMillimetres: 50_000, roll: roll, now: now, samples: samples, nextMorning: Self.time(day: 3, 8))
        #expect(evening.millimetresPerReceipt == 150)
        #expect(evening.millimetresLeft == 5000)
        #expect(evening.receiptsLeft == 33)
        #expect(evening.receiptsPerDay == 100)
        #expect(evening.neededUntilNextMorning == 63)  // 15 h of 100 a day
        #expect(evening.low)
        #expect(evening.detail.hasPrefix("about 33 receipts left (5000 of 50000 mm, 150 mm per receipt); about 100 receipts a day, 63 needed"))

        // Given the same paper four hours before the morning, it lasts.
        let lateNight = Self.sample(Self.time(day: 3, 4), fed: 145_000, receipts: 1300)
        let night = PaperForecast.estimate(rollMillimetres: 50_000, roll: roll, now: lateNight, samples: samples, nextMorning: Self.time(day: 3, 8))
        #expect(night.neededUntilNextMorning == 12)  // 100 receipts in 35 h is ~69 a day; 4 h of it is 11.4
        #expect(!night.low)
    }

    @Test("too few receipts on the roll use the printer's lifetime average; counters that went back count as nothing fed")
    func fallbacks() {
        let changed = Self.time(day: 2, 8)
        let roll = PaperRollChange(changedAt: changed, counters: Self.sample(changed, fed: 20_000, receipts: 100), reason: "test")
        let now = Self.sample(Self.time(day: 2, 9), fed: 20_400, receipts: 102)
        let forecast = PaperForecast.estimate(rollMillimetres: 50_000, roll: roll, now: now, samples: [], nextMorning: Self.time(day: 3, 8))
        #expect(forecast.millimetresPerReceipt == 200)  // 20 400 mm over 102 receipts in its life
        #expect(forecast.millimetresLeft == 49_600)

        let reset = Self.sample(Self.time(day: 2, 9), fed: 0, receipts: 0)
        let afterReset = PaperForecast.estimate(rollMillimetres: 50_000, roll: roll, now: reset, samples: [], nextMorning: Self.time(day: 3, 8))
        #expect(afterReset.fedOnRollMillimetres == 0)
        #expect(afterReset.receiptsLeft == 416)
    }
}
