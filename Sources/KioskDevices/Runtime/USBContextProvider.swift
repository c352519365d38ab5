import KioskTransport
import Logging
import Synchronization

/// One libusb context for every USB device the runtime opens, created on first use (a kiosk without USB devices
/// never starts libusb's event thread).
public final class USBContextProvider: Sendable {
    private let context = Mutex<USBContext?>(nil)
    private let logger: Logger

    public init(logger: Logger) {
        self.logger = logger
    }

    /// The context, created now if it was not yet.
    public func get() throws(USBError) -> USBContext {
        try context.withLock { (current: inout USBContext?) throws(USBError) -> USBContext in
            if let current { return current }
            let made = try USBContext(logger: logger)
            current = made
            return made
        }
    }
}
