/// A change that a `PCSCMonitor` saw.
public enum PCSCEvent: Sendable, Equatable {
    /// pcscd answers (at start, and again after a restart).
    case serviceAvailable
    /// pcscd is gone; the monitor keeps trying to reconnect.
    case serviceUnavailable(PCSCError)
    case readerAdded(String)
    case readerRemoved(String)
    /// A card was inserted, with its ATR.
    case cardInserted(reader: String, atr: [UInt8])
    case cardRemoved(reader: String)
}
