import CPCSCLite

/// What pcsc-lite says about one reader (`SCARD_READERSTATE`), as a value.
public struct PCSCReaderState: Sendable, Equatable {
    /// `SCARD_STATE_*` bits.
    public struct Flags: OptionSet, Sendable, Hashable {
        public var rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let ignore = Flags(rawValue: 0x0001)
        public static let changed = Flags(rawValue: 0x0002)
        public static let unknown = Flags(rawValue: 0x0004)
        public static let unavailable = Flags(rawValue: 0x0008)
        public static let empty = Flags(rawValue: 0x0010)
        public static let present = Flags(rawValue: 0x0020)
        public static let exclusive = Flags(rawValue: 0x0080)
        public static let inUse = Flags(rawValue: 0x0100)
        public static let mute = Flags(rawValue: 0x0200)
    }

    /// The pseudo-reader whose state changes when a reader is added or removed.
    public static let plugAndPlayReader = "\\\\?PnP?\\Notification"

    public var reader: String
    /// What the caller believes (the last `eventState`; for the PnP reader, the reader count << 16).
    public var currentState: UInt32
    /// What pcsc-lite reports; the high 16 bits count events on the reader.
    public var eventState: UInt32
    /// The card's ATR when one is present.
    public var atr: [UInt8]

    public init(reader: String, currentState: UInt32 = 0, eventState: UInt32 = 0, atr: [UInt8] = []) {
        self.reader = reader
        self.currentState = currentState
        self.eventState = eventState
        self.atr = atr
    }

    /// The low 16 bits of `eventState`.
    public var flags: Flags { Flags(rawValue: eventState & 0xFFFF) }
    /// Whether a card is in the reader (and not mute).
    public var cardPresent: Bool { flags.contains(.present) && !flags.contains(.mute) }
}
