import Foundation
import KioskCore
import KioskDevices
import Logging

/// The emulated devices of `kioskd --simulate`: an emulator on a pty for each configured device with
/// `match: {emulated: true}` whose driver has one (ID-card reader, ESC/POS printer, serial QR scanner), linked as
/// `<folder>/<device-id>.tty`, and the controls the simulation API drives them with.
///
/// Devices of other kinds (PC/SC, CUPS, touch display) get no emulator here; the device runtime reports them.
public final class DeviceSimulation: Sendable {
    /// One running emulator.
    public enum Emulator: Sendable {
        case idCard(IDCardEmulator)
        case printer(PrinterEmulator)
        case scanner(QRScannerEmulator)

        /// `id-card reader`, `receipt printer`, `QR scanner`: for messages.
        public var kind: String {
            switch self {
            case .idCard: "an ID-card reader"
            case .printer: "a receipt printer"
            case .scanner: "a QR scanner"
            }
        }

        /// The link kioskd opens.
        public var linkPath: String {
            switch self {
            case .idCard(let emulator): emulator.linkPath
            case .printer(let emulator): emulator.linkPath
            case .scanner(let emulator): emulator.linkPath ?? emulator.slavePath
            }
        }
    }

    /// The folder the links are in (`<state-dir>/devices`).
    public let folder: String
    /// The emulators, by device id.
    public let emulators: [String: Emulator]
    /// The cards the ID-card emulators know, in listing order.
    public let cards: [IDCardEmulatorCard]
    private let holds: [PseudoTerminalHold]
    private let logger: Logger

    private init(folder: String, emulators: [String: Emulator], cards: [IDCardEmulatorCard], holds: [PseudoTerminalHold], logger: Logger) {
        self.folder = folder
        self.emulators = emulators
        self.cards = cards
        self.holds = holds
        self.logger = logger
    }

    /// Starts an emulator for each emulated device whose driver has one, with its link in `folder` (created).
    ///
    /// On a failure the emulators already started are stopped again.
    public static func start(
        devices: [DeviceConfiguration], profiles: ProfileCatalogue, folder: String,
        cards: [IDCardEmulatorCard] = IDCardEmulatorCard.samples, logger: Logger
    ) async throws(DeviceSimulationError) -> DeviceSimulation {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .startFailed("devices", reason: "cannot create \(folder): \(error)")
        }
        var emulators: [String: Emulator] = [:]
        var holds: [PseudoTerminalHold] = []
        for device in devices where device.match == .emulated {
            guard let driver = profiles.profiles[device.profile]?.driver else { continue }
            let link = folder + "/" + device.id + ".tty"
            do {
                switch driver {
                case .idCardGA467:
                    emulators[device.id] = .idCard(try await IDCardEmulator.start(linkPath: link, cards: cards))
                case .escpos:
                    emulators[device.id] = .printer(try await PrinterEmulator.start(linkPath: link))
                    if let hold = PseudoTerminalHold.start(path: link) { holds.append(hold) }
                case .qrSerial:
                    emulators[device.id] = .scanner(try await QRScannerEmulator.start(link: link))
                    if let hold = PseudoTerminalHold.start(path: link) { holds.append(hold) }
                case .qrHID, .pcsc, .cups, .touchDisplay:
                    continue
                }
            } catch {
                let started = DeviceSimulation(folder: folder, emulators: emulators, cards: cards, holds: holds, logger: logger)
                await started.stop()
                throw .startFailed(device.id, reason: "\(error)")
            }
            logger.info("emulator started", metadata: ["device": "\(device.id)", "link": "\(link)"])
        }
        return DeviceSimulation(folder: folder, emulators: emulators, cards: cards, holds: holds, logger: logger)
    }

    /// Where the device runtime reaches each emulated device: the serial link of its emulator.
    public var endpoints: [String: DeviceEndpoint] {
        emulators.mapValues { .serial(path: $0.linkPath) }
    }

    /// Stops every emulator and removes its link; kioskd's drivers see their devices unplugged.
    public func stop() async {
        for hold in holds { await hold.stop() }
        for (id, emulator) in emulators.sorted(by: { $0.key < $1.key }) {
            switch emulator {
            case .idCard(let emulator): await emulator.stop()
            case .printer(let emulator): await emulator.stop()
            case .scanner(let emulator): await emulator.close()
            }
            logger.info("emulator stopped", metadata: ["device": "\(id)"])
        }
    }

    // MARK: Controls

    /// Puts the sample card `key` on the emulated reader `id`.
    public func present(card key: String, on id: String) throws(DeviceSimulationError) {
        let reader = try idCardEmulator(id)
        guard let card = cards.first(where: { $0.key == key }) else {
            throw .unknownCard(key, known: cards.map(\.key))
        }
        reader.present(card: card)
    }

    /// Takes the card off the emulated reader `id`.
    public func lift(on id: String) throws(DeviceSimulationError) {
        try idCardEmulator(id).lift()
    }

    /// The key of the card on the emulated reader `id` now, if any.
    public func presentedCard(on id: String) throws(DeviceSimulationError) -> String? {
        try idCardEmulator(id).presentedCard?.key
    }

    /// Makes the emulated scanner `id` read `code` (sent with its terminator, as a scan).
    public func scan(_ code: String, on id: String) async throws(DeviceSimulationError) {
        guard let emulator = emulators[id] else { throw .unknownDevice(id, emulated: emulators.keys.sorted()) }
        guard case .scanner(let scanner) = emulator else { throw .wrongKind(id, is: emulator.kind, wanted: "a QR scanner") }
        do {
            try await scanner.scan(code)
        } catch {
            throw .emulatorFailed(id, reason: error.description)
        }
    }

    /// Changes the emulated printer `id`'s condition and returns the condition after the change.
    public func updateCondition(on id: String, _ change: @escaping @Sendable (inout PrinterCondition) -> Void) async throws(DeviceSimulationError) -> PrinterCondition {
        let printer = try printerEmulator(id)
        await printer.update(change)
        return await printer.condition
    }

    /// The emulated printer `id`'s condition.
    public func condition(of id: String) async throws(DeviceSimulationError) -> PrinterCondition {
        try await printerEmulator(id).condition
    }

    /// What the emulated printer `id` has printed.
    public func transcript(of id: String) async throws(DeviceSimulationError) -> PrinterTranscript {
        try await printerEmulator(id).transcript
    }

    private func idCardEmulator(_ id: String) throws(DeviceSimulationError) -> IDCardEmulator {
        guard let emulator = emulators[id] else { throw .unknownDevice(id, emulated: emulators.keys.sorted()) }
        guard case .idCard(let reader) = emulator else { throw .wrongKind(id, is: emulator.kind, wanted: "an ID-card reader") }
        return reader
    }

    private func printerEmulator(_ id: String) throws(DeviceSimulationError) -> PrinterEmulator {
        guard let emulator = emulators[id] else { throw .unknownDevice(id, emulated: emulators.keys.sorted()) }
        guard case .printer(let printer) = emulator else { throw .wrongKind(id, is: emulator.kind, wanted: "a receipt printer") }
        return printer
    }
}
