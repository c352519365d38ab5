import KioskCore

/// A card in or out of a reader, as far as the reader can tell (the `card` events of the events WebSocket).
public struct CardPresence: Sendable, Equatable {
    /// The reader's configured device id (`ssc-reader`).
    public var device: String
    /// The reader's role.
    public var role: DeviceRole
    /// True when a card is in the reader (or was just read from it), false when it was taken out.
    public var present: Bool

    public init(device: String, role: DeviceRole, present: Bool) {
        self.device = device
        self.role = role
        self.present = present
    }
}
