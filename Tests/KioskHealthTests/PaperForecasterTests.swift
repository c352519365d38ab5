import Foundation
import KioskCore
import KioskStore
import Testing
@testable import KioskHealth

/// The forecaster over a real store, with a hand-driven clock: roll changes, samples, working hours, the fault.
@Suite("Paper forecaster")
struct PaperForecasterTests {
    /// A 20 m roll printer warned 08:00–18:00 UTC.
    static let printer = PaperPrinter(deviceID: "receipt-printer", rollMillimetres: 20_000, workingHours: WorkingHours(timeZone: PaperForecastTests.utc))

    @Test("a roll that will not last the night raises printer.paper-low in working hours with the count in both languages")
    func warnsInWorkingHours() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = ManualClock(PaperForecastTests.time(day: 1, 17))
        let monitor = FaultMonitor(store: store, routing: AlertRouting(kioskOwner: "natural-resources-bureau"), dispatcher: nil, now: { clock.now() })
        let forecaster = PaperForecaster(store: store, printers: [Self.printer], clock: clock, monitor: monitor)

        // Given the printer is first seen on Sunday 17:00 (a full roll assumed, a first counter sample kept).
        let first = await forecaster.probe("receipt-printer")
        #expect(first.deviceID == "receipt-printer.paper")
        #expect(first.fault == nil)
        #expect(first.facts["receipts_left"] == "166")  // 20 m at the default 120 mm

        // When it prints 100 receipts of 150 mm by Monday 17:00, 5 m are left (33 receipts); 63 are needed until 08:00.
        try await store.add(["paper_fed_mm": 15_000, "receipts": 100], to: "receipt-printer")
        clock.advance(by: 24 * 3600)
        let report = await forecaster.probe("receipt-printer")
        #expect(report.fault == .printerPaperLow)
        #expect(report.facts["receipts_left"] == "33")
        #expect(report.facts["needed"] == "63")
        #expect(report.detail.contains("about 100 receipts a day"), "\(report.detail)")

        // Then the fault says how many are left, in English and Chinese, and who acts: staff on site.
        await monitor.handle(report, policy: FaultPolicy(failuresBeforeFault: 1))
        let fault = try #require(await monitor.openFault(of: "receipt-printer.paper"))
        #expect(fault.code == .printerPaperLow)
        #expect(fault.severity == .warning)
        #expect(fault.action == .clear)
        #expect(fault.summary == "paper low, about 33 receipts left — replace the roll")
        #expect(fault.summaryZH == "小票纸不足，约剩 33 张 — 请更换纸卷")
        #expect(fault.owner == "natural-resources-bureau")

        // And at 19:00 the open warning holds (it is not resolved just because the staff went home).
        clock.advance(by: 2 * 3600)
        #expect(await forecaster.probe("receipt-printer").fault == .printerPaperLow)
    }

    @Test("outside working hours a low roll raises nothing new; the report says why")
    func quietAtNight() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = ManualClock(PaperForecastTests.time(day: 1, 20))
        let forecaster = PaperForecaster(store: store, printers: [Self.printer], clock: clock)
        _ = await forecaster.probe("receipt-printer")
        try await store.add(["paper_fed_mm": 19_000, "receipts": 120], to: "receipt-printer")
        clock.advance(by: 24 * 3600)  // Monday 20:00
        let report = await forecaster.probe("receipt-printer")
        #expect(report.fault == nil)
        #expect(report.detail.contains("warned only during working hours (08:00-18:00)"), "\(report.detail)")
        clock.advance(by: 12 * 3600)  // Tuesday 08:00
        #expect(await forecaster.probe("receipt-printer").fault == .printerPaperLow)
    }

    @Test("paper end clearing on the printer is a roll change: the forecast starts from a full roll")
    func rollChange() async throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clock = ManualClock(PaperForecastTests.time(day: 2, 9))
        let forecaster = PaperForecaster(store: store, printers: [Self.printer], clock: clock)
        let changed = Box<[String]>([])
        await forecaster.onRollChange { subject in changed.update { $0.append(subject) } }
        _ = await forecaster.probe("receipt-printer")
        try await store.add(["paper_fed_mm": 19_500, "receipts": 130], to: "receipt-printer")
        #expect(try await forecaster.forecast("receipt-printer").receiptsLeft == 3)

        // A paper-out report, then a cover-open one (says nothing about paper), then healthy again: one roll change.
        let out = ProbeReport(deviceID: "receipt-printer", state: .userError, fault: .printerPaperOut, detail: "paper end")
        let cover = ProbeReport(deviceID: "receipt-printer", state: .userError, fault: .printerCoverOpen, detail: "cover open")
        let healthy = ProbeReport(deviceID: "receipt-printer", state: .online, detail: "DLE EOT: online")
        #expect(await forecaster.observe(healthy) == false)
        #expect(await forecaster.observe(out) == false)
        #expect(await forecaster.observe(cover) == false)
        #expect(await forecaster.observe(healthy) == true)
        #expect(await forecaster.observe(healthy) == false)
        #expect(await forecaster.observe(ProbeReport(deviceID: "qr-scanner", state: .online, detail: "ok")) == false)

        #expect(changed.value == ["receipt-printer.paper"], "the handler hears of the one roll change")
        let change = try #require(try await store.latestPaperRollChange(of: "receipt-printer"))
        #expect(change.reason == "paper end cleared")
        #expect(change.counters.fedMillimetres == 19_500)
        let forecast = try await forecaster.forecast("receipt-printer")
        #expect(forecast.receiptsLeft == 133)  // 20 m at this printer's 150 mm a receipt
        #expect(forecast.level == 1)
    }

    @Test("printers come from the configuration's receipt printers with the profile's roll length and hours")
    func printersFromProfiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-paper-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/escpos", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            name: Test printer
            name_zh: 测试打印机
            driver: escpos
            transport: serial
            serial: {baud: 115200, data_bits: 8, parity: none, stop_bits: 1, flow_control: rts-cts}
            parameters: {paper_width_mm: 80, paper_roll_length_mm: 30000, paper_warning_hours: "07:00-21:30"}
            """.write(toFile: folder + "/escpos/test.yaml", atomically: true, encoding: .utf8)
        try """
            name: Plain printer
            name_zh: 普通打印机
            driver: escpos
            transport: serial
            serial: {baud: 115200, data_bits: 8, parity: none, stop_bits: 1, flow_control: rts-cts}
            """.write(toFile: folder + "/escpos/plain.yaml", atomically: true, encoding: .utf8)
        let profiles = ProfileCatalogue.load(directory: folder)
        #expect(profiles.problems.isEmpty, "\(profiles.problems)")
        let devices = [
            DeviceConfiguration(id: "receipt-printer", role: .receiptPrinter, profile: "escpos/test", match: .serial(path: "/dev/ttyS0")),
            DeviceConfiguration(id: "spare-printer", role: .receiptPrinter, profile: "escpos/plain", match: .serial(path: "/dev/ttyS1")),
            DeviceConfiguration(id: "qr-scanner", role: .qrScanner, profile: "qrscanner/none", match: .serial(path: "/dev/ttyS2")),
        ]
        let printers = PaperPrinter.printers(devices, profiles: profiles, logger: .init(label: "test"))
        #expect(printers.map(\.deviceID) == ["receipt-printer", "spare-printer"])
        #expect(printers[0].rollMillimetres == 30_000)
        #expect(printers[0].workingHours.description == "07:00-21:30")
        #expect(printers[1].rollMillimetres == PaperPrinter.defaultRollMillimetres)
        #expect(printers[1].workingHours.description == "08:00-18:00")
    }
}
