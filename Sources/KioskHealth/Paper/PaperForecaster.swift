import Foundation
import KioskCore
import KioskStore
import Logging

extension FaultCode {
    /// The paper left on the receipt roll is not expected to last until staff are next on site.
    public static let printerPaperLow: FaultCode = "printer.paper-low"
}

/// Forecasts each receipt printer's paper and warns, during working hours, when the roll will not last the night.
///
/// Each printer gets a probe subject of its own, `<device>.paper` (so the paper warning and the printer's own
/// faults are separate incidents), which reads the counters from the store, keeps an hourly sample of them (the
/// usage history), exports `kiosk_paper_receipts_left{device}` and `kiosk_paper_level{device}`, and reports
/// `printer.paper-low` when the forecast is low. A roll change is seen in the printer's own probe reports: paper
/// end (out or near end) clearing means a new roll went in.
public actor PaperForecaster {
    let store: KioskStore
    let printers: [String: PaperPrinter]
    let settings: PaperForecast.Settings
    let clock: any HealthClock
    let monitor: FaultMonitor?
    let metrics: HealthMetrics
    let logger: Logger
    /// Time between kept counter samples.
    let sampleInterval: TimeInterval
    /// How long samples are kept.
    let keepSamples: TimeInterval
    private var paperEnded: [String: Bool] = [:]
    private var lastSample: [String: Date] = [:]
    private var rollChanged: (@Sendable (String) -> Void)?

    /// The suffix of a printer's paper subject (`receipt-printer.paper`).
    public static let subjectSuffix = ".paper"

    public init(
        store: KioskStore, printers: [PaperPrinter], settings: PaperForecast.Settings = .init(), clock: any HealthClock = SystemHealthClock(),
        monitor: FaultMonitor? = nil, sampleInterval: TimeInterval = 3600, keepSamples: TimeInterval = 8 * 86400,
        metrics: HealthMetrics = HealthMetrics(), logger: Logger = Logger(label: "kioskd.health")
    ) {
        self.store = store
        self.printers = Dictionary(printers.map { ($0.deviceID, $0) }, uniquingKeysWith: { first, _ in first })
        self.settings = settings
        self.clock = clock
        self.monitor = monitor
        self.sampleInterval = sampleInterval
        self.keepSamples = keepSamples
        self.metrics = metrics
        self.logger = logger
    }

    /// The probe subjects, one per printer, every `interval` (a paper warning is never urgent to the second).
    public nonisolated func subjects(interval: Duration = .seconds(300)) -> [ProbeSubject] {
        printers.keys.sorted().map { id in
            ProbeSubject(id: id + Self.subjectSuffix, schedule: HealthSchedule(interval: interval, timeout: .seconds(10), failuresBeforeFault: 1)) { _ in
                await self.probe(id)
            }
        }
    }

    /// Calls `handler` with the printer's paper subject (`receipt-printer.paper`) after each roll change, e.g. to
    /// probe it at once so that a paper-low warning closes without waiting for its interval.
    public func onRollChange(_ handler: @escaping @Sendable (String) -> Void) {
        rollChanged = handler
    }

    /// Follows a printer's probe report: paper end clearing on a serving printer is a roll change.
    /// Returns true when it recorded one.
    @discardableResult
    public func observe(_ report: ProbeReport) async -> Bool {
        let id = report.deviceID
        guard printers[id] != nil else { return false }
        let ended: Bool
        switch report.fault {
        case .printerPaperOut?, .printerPaperNearEnd?: ended = true
        case nil where report.isServing: ended = false
        default: return false  // offline, cover open…: says nothing about the paper
        }
        let before = paperEnded[id]
        paperEnded[id] = ended
        guard before == true, !ended else { return false }
        do {
            try await store.recordPaperRollChange(of: id, at: clock.now(), reason: "paper end cleared")
            logger.notice("receipt paper roll changed", metadata: ["device": "\(id)"])
            rollChanged?(id + Self.subjectSuffix)
            return true
        } catch {
            logger.error("cannot record a paper roll change", metadata: ["device": "\(id)", "error": "\(error)"])
            return false
        }
    }

    /// The printer's forecast now (recording a roll change when none is known yet: a full roll assumed), after
    /// keeping a counter sample when the last is older than the sample interval.
    public func forecast(_ id: String) async throws -> PaperForecast {
        guard let printer = printers[id] else { throw StoreError.operationFailed(operation: "forecasting paper", reason: "\(id) is not a receipt printer") }
        let now = clock.now()
        let counters = try await store.paperCounters(of: id, at: now)
        let roll: PaperRollChange
        if let latest = try await store.latestPaperRollChange(of: id) {
            roll = latest
        } else {
            roll = try await store.recordPaperRollChange(of: id, at: now, reason: "first seen: a full roll assumed")
        }
        if lastSample[id].map({ now.timeIntervalSince($0) >= sampleInterval }) ?? true {
            try await store.addPaperCounterSample(counters, of: id, keepSince: now.addingTimeInterval(-keepSamples))
            lastSample[id] = now
        }
        let samples = try await store.paperCounterSamples(of: id)
        let forecast = PaperForecast.estimate(
            rollMillimetres: printer.rollMillimetres, roll: roll, now: counters, samples: samples,
            nextMorning: printer.workingHours.nextStart(after: now), settings: settings)
        metrics.paper(id, receiptsLeft: forecast.receiptsLeft, level: forecast.level)
        return forecast
    }

    /// The paper subject's report: `printer.paper-low` when the forecast is low during working hours (or a warning
    /// raised earlier still holds); healthy otherwise. Never throws: a store failure is a healthy report saying so.
    public func probe(_ id: String) async -> ProbeReport {
        let subject = id + Self.subjectSuffix
        guard let printer = printers[id] else {
            return ProbeReport(deviceID: subject, state: .online, detail: "\(id) is not a receipt printer", at: clock.now())
        }
        let forecast: PaperForecast
        do {
            forecast = try await self.forecast(id)
        } catch {
            return ProbeReport(deviceID: subject, state: .online, detail: "paper forecast unavailable: \(error)", at: clock.now())
        }
        let now = clock.now()
        let facts = [
            "receipts_left": "\(forecast.receiptsLeft)", "level_percent": "\(Int((forecast.level * 100).rounded()))",
            "mm_per_receipt": "\(Int(forecast.millimetresPerReceipt.rounded()))", "needed": "\(forecast.neededUntilNextMorning)",
        ]
        let warned = await monitor?.openFault(of: subject)?.code == .printerPaperLow
        if forecast.low, warned || printer.workingHours.contains(now) {
            return ProbeReport(deviceID: subject, state: .online, fault: .printerPaperLow, detail: forecast.detail, facts: facts, at: now)
        }
        let note = forecast.low ? "; low, warned only during working hours (\(printer.workingHours))" : ""
        return ProbeReport(deviceID: subject, state: .online, detail: forecast.detail + note, facts: facts, at: now)
    }
}
