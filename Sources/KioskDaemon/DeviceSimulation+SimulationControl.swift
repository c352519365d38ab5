import KioskAPI
import KioskDevices
import KioskEmulators
import KioskHealth

/// The simulation API drives the emulators through this (KioskAPI does not know KioskEmulators).
extension DeviceSimulation: SimulationControl {
    /// What each sample card is for, by key.
    static let cardNotes: [String: String] = [
        "zhang": "male, appended address, fingerprint data",
        "li": "female, valid long-term (长期)",
        "wang": "no appended address, 512-byte fingerprint",
        "ouyang": "four-character name, check character X",
        "zhao": "wrong check character: the driver refuses it",
    ]

    /// Numbers the sandbox's real-estate department knows, for the services identified by a number.
    static let caseNumbers: [(code: String, note: String)] = [
        ("202611180031", "nr.registration-progress: a transfer in progress"),
        ("202610090007", "nr.registration-progress: a mortgage registration, finished"),
        ("202611250102", "nr.registration-progress: a first registration, rejected"),
        ("9901202100012345", "nr.certificate-verification: a genuine certificate"),
    ]

    public func simulatedCards() async -> [SimulatedCard] {
        let idCards = cards.map { card in
            SimulatedCard(
                id: card.key, kind: "id-card", name: card.holder.maskedName, idNumber: card.holder.maskedIDNumber,
                note: Self.cardNotes[card.key] ?? "sample card")
        }
        let vouchers = SandboxCitizen.all.compactMap { citizen -> SimulatedCard? in
            guard let voucher = citizen.voucher else { return nil }
            let holder = cards.first { $0.key == citizen.key }?.holder
            return SimulatedCard(
                id: "\(citizen.key)-mi-qr", kind: "mi-qr", name: holder?.maskedName ?? "", idNumber: holder?.maskedIDNumber ?? "",
                note: "medical-insurance e-voucher QR (scan it on qr-scanner)", code: voucher)
        }
        let numbers = Self.caseNumbers.map { entry in
            SimulatedCard(id: "case-\(entry.code)", kind: "case-number", name: "", idNumber: "", note: entry.note, code: entry.code)
        }
        return idCards + vouchers + numbers
    }

    public func presentCard(_ card: String, on device: String) async throws(SimulationControlError) {
        try Self.mapped { () throws(DeviceSimulationError) in try present(card: card, on: device) }
    }

    public func liftCard(on device: String) async throws(SimulationControlError) {
        try Self.mapped { () throws(DeviceSimulationError) in try lift(on: device) }
    }

    public func scanCode(_ code: String, on device: String) async throws(SimulationControlError) {
        do {
            try await scan(code, on: device)
        } catch {
            throw Self.control(error)
        }
    }

    public func setPrinterCondition(_ condition: SimulatedPrinterCondition, on device: String) async throws(SimulationControlError) -> SimulatedPrinterCondition {
        let after: PrinterCondition
        do {
            after = try await updateCondition(on: device) { current in
                let out = condition.paperOut ?? (current.paper == .out)
                let nearEnd = condition.paperNearEnd ?? (current.paper == .nearEnd)
                current.paper = out ? .out : (nearEnd ? .nearEnd : .ok)
                if condition.paperOut != nil || condition.paperNearEnd != nil { current.paperRunsOutAfterLines = nil }
                if let coverOpen = condition.coverOpen { current.coverOpen = coverOpen }
                if let offline = condition.offline { current.offline = offline }
                if let cutterError = condition.cutterError { current.cutterError = cutterError }
            }
        } catch {
            throw Self.control(error)
        }
        return SimulatedPrinterCondition(
            paperOut: after.paper == .out, paperNearEnd: after.paper == .nearEnd, coverOpen: after.coverOpen,
            offline: after.offline, cutterError: after.cutterError)
    }

    public func printerTranscript(of device: String) async throws(SimulationControlError) -> SimulatedTranscript {
        do {
            let transcript = try await transcript(of: device)
            return SimulatedTranscript(receipts: transcript.receipts.map {
                SimulatedTranscript.Receipt(text: $0.text, qrCodes: $0.qrCodes, cut: $0.cut)
            })
        } catch {
            throw Self.control(error)
        }
    }

    private static func mapped(_ body: () throws(DeviceSimulationError) -> Void) throws(SimulationControlError) {
        do {
            try body()
        } catch {
            throw control(error)
        }
    }

    /// The API error a simulation error stands for.
    static func control(_ error: DeviceSimulationError) -> SimulationControlError {
        switch error {
        case .unknownDevice(let id, _): .unknownDevice(id, reason: error.description)
        case .wrongKind(let id, _, _): .wrongKind(id, reason: error.description)
        case .unknownCard(let key, _): .unknownCard(key, reason: error.description)
        case .emulatorFailed(let id, _), .startFailed(let id, _): .failed(id, reason: error.description)
        }
    }
}

/// The simulation API as the daemon serves it: a change of an emulated printer's condition asks the health
/// scheduler to probe that device at once, so its fault shows (and is alerted) without waiting for the profile's
/// interval. Cards and scans change no health, so they probe nothing (and never disturb a session's read).
struct ProbingSimulationControl: SimulationControl {
    let simulation: DeviceSimulation
    let scheduler: ProbeScheduler

    func simulatedCards() async -> [SimulatedCard] { await simulation.simulatedCards() }

    func presentCard(_ card: String, on device: String) async throws(SimulationControlError) {
        try await simulation.presentCard(card, on: device)
    }

    func liftCard(on device: String) async throws(SimulationControlError) {
        try await simulation.liftCard(on: device)
    }

    func scanCode(_ code: String, on device: String) async throws(SimulationControlError) {
        try await simulation.scanCode(code, on: device)
    }

    func setPrinterCondition(_ condition: SimulatedPrinterCondition, on device: String) async throws(SimulationControlError) -> SimulatedPrinterCondition {
        let after = try await simulation.setPrinterCondition(condition, on: device)
        scheduler.probeSoon(device)
        return after
    }

    func printerTranscript(of device: String) async throws(SimulationControlError) -> SimulatedTranscript {
        try await simulation.printerTranscript(of: device)
    }
}
