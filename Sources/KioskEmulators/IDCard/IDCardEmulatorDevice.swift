import KioskDevices
import NIOCore

/// What an emulated GA 467 module does, with no I/O: the card on it, its SAM, and how it answers each command.
public struct IDCardEmulatorDevice: Sendable {
    /// How the SAM fails.
    public enum SAMFailure: Sendable, Equatable {
        /// Every command answers 0x60 (self-test failed).
        case selfTestFailed
        /// Every command answers 0x66 (not authorised).
        case notAuthorised
        /// Nothing is answered.
        case silent
    }

    /// How a response is damaged on its way out.
    public enum FrameCorruption: String, Sendable, Equatable, CaseIterable {
        /// The checksum byte is inverted.
        case checksum
        /// Only the first half of the frame is sent.
        case truncate
        /// Noise bytes go before the frame (which is itself intact).
        case garbage
    }

    /// Where the conversation with the card stands.
    enum Session: Sendable, Equatable {
        case none, found, selected, read
    }

    /// The cards that can be presented by key.
    public var cards: [String: IDCardEmulatorCard]
    /// The card on the reader.
    public private(set) var presented: IDCardEmulatorCard?
    /// Like most modules, refuse "find card" after a read until the card is lifted and presented again.
    public var requiresLiftAfterRead = true
    /// The SAM's failure, or nil when it works.
    public var samFailure: SAMFailure?
    /// The 16 bytes of the SAM id.
    public var samID: [UInt8] = SAMIdentifier.bytes(major: 5, minor: 1, date: 20_240_101, batch: 1_234_567, serial: 987_654_321)

    private var session = Session.none
    private var readLocked = false
    private var corruption: FrameCorruption?
    private var corruptionsLeft: Int?
    private var liftAfter: IDCardCommand?

    public init(cards: [IDCardEmulatorCard]) {
        self.cards = Dictionary(cards.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }

    // MARK: Control

    /// Puts `card` on the reader (replacing any card there).
    public mutating func present(_ card: IDCardEmulatorCard) {
        presented = card
        session = .none
        readLocked = false
    }

    /// Takes the card off the reader.
    public mutating func lift() {
        presented = nil
        session = .none
        readLocked = false
    }

    /// Damages the next `count` responses (every response when nil) in the way given; nil stops damaging.
    public mutating func setCorruption(_ corruption: FrameCorruption?, count: Int? = nil) {
        self.corruption = corruption
        self.corruptionsLeft = count
    }

    /// Lifts the card right after answering the next `command` (to model a card taken away mid-read).
    public mutating func liftAfterAnswering(_ command: IDCardCommand) {
        liftAfter = command
    }

    // MARK: Answers

    /// The answer to `command`, or nil when the module stays silent.
    public mutating func respond(to command: IDCardCommand) -> IDCardResponse? {
        defer {
            if let liftAfter, liftAfter == command {
                self.liftAfter = nil
                lift()
            }
        }
        switch samFailure {
        case .silent: return nil
        case .selfTestFailed: return IDCardResponse(status: .samSelfTestFailed)
        case .notAuthorised: return IDCardResponse(status: .samNotAuthorised)
        case nil: break
        }
        switch command {
        case .resetSAM:
            session = .none
            return IDCardResponse(status: .success)
        case .samStatus:
            return IDCardResponse(status: .success)
        case .samID:
            return IDCardResponse(status: .success, data: samID)
        case .findCard:
            guard presented != nil, !readLocked else {
                session = .none
                return IDCardResponse(status: .findFailed)
            }
            session = .found
            return IDCardResponse(status: .cardFound, data: [0, 0, 0, 0])
        case .selectCard:
            guard presented != nil, session == .found || session == .selected else { return IDCardResponse(status: .selectFailed) }
            session = .selected
            return IDCardResponse(status: .success, data: [UInt8](repeating: 0, count: 8))
        case .readTextAndPhoto, .readWithFingerprint:
            guard let card = presented, session == .selected else { return IDCardResponse(status: .readFailed) }
            session = .read
            if requiresLiftAfterRead { readLocked = true }
            let withFingerprint = command == .readWithFingerprint
            let payload = IDCardReadPayload(
                text: IDCardTextBlock.encode(card.holder), photo: card.holder.photo.bytes,
                fingerprint: withFingerprint ? (card.holder.fingerprint ?? []) : nil
            )
            return IDCardResponse(status: .success, data: payload.data)
        case .readAppendedAddress:
            guard let card = presented, session == .selected || session == .read else { return IDCardResponse(status: .readFailed) }
            guard let address = card.holder.appendedAddress else { return IDCardResponse(status: .itemNotOnCard) }
            return IDCardResponse(status: .success, data: IDCardTextBlock.encodeUCS2(address, byteCount: 70))
        default:
            return IDCardResponse(status: .badCommand)
        }
    }

    /// The answer to a damaged command frame, as a module gives it (0x10 checksum, 0x11 length).
    public mutating func respond(toMalformed error: IDCardCodecError) -> IDCardResponse? {
        guard samFailure != .silent else { return nil }
        switch error {
        case .badChecksum: return IDCardResponse(status: .hostChecksumError)
        case .badLength, .truncated: return IDCardResponse(status: .hostLengthError)
        }
    }

    /// The bytes that go on the line for `response`, damaged when a corruption is in force.
    public mutating func frame(for response: IDCardResponse) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeIDCardResponse(response)
        var bytes = Array(buffer.readableBytesView)
        guard let corruption else { return bytes }
        if let left = corruptionsLeft {
            if left <= 1 { self.corruption = nil; corruptionsLeft = nil } else { corruptionsLeft = left - 1 }
        }
        switch corruption {
        case .checksum:
            bytes[bytes.count - 1] ^= 0xFF
        case .truncate:
            bytes.removeLast(bytes.count - max(IDCardFrame.headerSize + 1, bytes.count / 2))
        case .garbage:
            bytes.insert(contentsOf: [0x00, 0xFF, 0x55, 0x13, 0xAA], at: 0)
        }
        return bytes
    }
}
