import KioskCore

/// What the simulation API (`/api/v1/simulation/…`) drives: the emulated devices of `kioskd --simulate`.
///
/// KioskAPI does not import the emulators; the daemon hands an implementation through `APIEnvironment.simulation`
/// (nil when not simulating, and then every simulation route answers 404). Device ids are the configured ones.
public protocol SimulationControl: Sendable {
    /// The synthetic citizens' cards, personal fields masked.
    func simulatedCards() async -> [SimulatedCard]
    /// Puts card `card` (a key from `simulatedCards`) on the emulated reader `device`.
    func presentCard(_ card: String, on device: String) async throws(SimulationControlError)
    /// Takes the card off the emulated reader `device`.
    func liftCard(on device: String) async throws(SimulationControlError)
    /// Makes the emulated scanner `device` read `code`.
    func scanCode(_ code: String, on device: String) async throws(SimulationControlError)
    /// Changes the emulated printer's condition (absent fields unchanged); returns the whole condition after.
    func setPrinterCondition(_ condition: SimulatedPrinterCondition, on device: String) async throws(SimulationControlError) -> SimulatedPrinterCondition
    /// What the emulated printer `device` has printed, one entry per receipt.
    func printerTranscript(of device: String) async throws(SimulationControlError) -> SimulatedTranscript
}

/// Why a simulation control failed; each becomes a problem document.
public enum SimulationControlError: Error, Sendable, Equatable {
    /// No emulated device has this id (404).
    case unknownDevice(String, reason: String)
    /// The device is emulated as something else (409), e.g. a scan sent to the printer.
    case wrongKind(String, reason: String)
    /// No sample card has this key (422).
    case unknownCard(String, reason: String)
    /// The emulator failed (503).
    case failed(String, reason: String)
}

/// One synthetic citizen's card in `GET /api/v1/simulation/cards`.
public struct SimulatedCard: Codable, Sendable, Equatable {
    /// The key to present it by (`zhang`).
    public var id: String
    /// `id-card`, `mi-qr` (an e-voucher to scan) or `case-number` (a number to type or scan).
    public var kind: String
    /// The holder's name, masked (`张*试`); empty for case numbers.
    public var name: String
    /// The ID number, masked (`9901**********0011`); empty where there is none.
    public var idNumber: String
    /// What the card is for in tests and demonstrations (no personal data).
    public var note: String
    /// The text to scan or type, for `mi-qr` and `case-number` entries (synthetic data only).
    public var code: String?

    public init(id: String, kind: String, name: String, idNumber: String, note: String, code: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.idNumber = idNumber
        self.note = note
        self.code = code
    }
}

/// The emulated receipt printer's condition: a request changes the fields it has; a response has them all.
public struct SimulatedPrinterCondition: Codable, Sendable, Equatable {
    public var paperOut: Bool?
    public var paperNearEnd: Bool?
    public var coverOpen: Bool?
    public var offline: Bool?
    public var cutterError: Bool?

    public init(paperOut: Bool? = nil, paperNearEnd: Bool? = nil, coverOpen: Bool? = nil, offline: Bool? = nil, cutterError: Bool? = nil) {
        self.paperOut = paperOut
        self.paperNearEnd = paperNearEnd
        self.coverOpen = coverOpen
        self.offline = offline
        self.cutterError = cutterError
    }
}

/// Body of `GET /api/v1/simulation/devices/{id}/transcript`.
public struct SimulatedTranscript: Codable, Sendable, Equatable {
    /// One printed receipt: its text, its QR payloads, and whether a cut ended it.
    public struct Receipt: Codable, Sendable, Equatable {
        public var text: String
        public var qrCodes: [String]
        public var cut: Bool

        public init(text: String, qrCodes: [String], cut: Bool) {
            self.text = text
            self.qrCodes = qrCodes
            self.cut = cut
        }
    }

    public var receipts: [Receipt]

    public init(receipts: [Receipt]) {
        self.receipts = receipts
    }
}
