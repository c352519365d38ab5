import KioskCore
import Logging

/// Hot-plug events from udev, as an async sequence of `SystemDeviceEvent`.
///
/// The monitor receives from the moment `init` returns: an event that happens after it is not
/// lost, even if `events` is iterated later. One task iterates `events`. Stopping (`stop()`,
/// dropping the monitor, or cancelling the task that iterates) closes every descriptor and ends
/// the sequence. On a `remove` event sysfs is already gone: the device carries only its udev
/// properties, no attributes.
///
/// ```swift
/// let monitor = try UdevMonitor(subsystems: ["usb", "tty"])
/// for try await event in monitor.events { … }
/// ```
public final class UdevMonitor: Sendable {
    /// The events, in the order udev sent them. Ends when the monitor stops; throws a `UdevError`
    /// when waiting fails or the kernel dropped events (list the devices again and start a new monitor).
    public let events: AsyncThrowingStream<SystemDeviceEvent, any Error>
    let reader: UdevMonitorReader

    /// Starts receiving udev events for devices in any of `subsystems` (all devices when empty).
    public init(
        subsystems: [String],
        logger: Logger = Logger(label: "kioskd.udev", factory: { _ in SwiftLogNoOpLogHandler() })
    ) throws(UdevError) {
        let reader = try UdevMonitorReader(subsystems: subsystems, logger: logger)
        let (events, continuation) = AsyncThrowingStream.makeStream(of: SystemDeviceEvent.self)
        continuation.onTermination = { _ in reader.stop() }
        reader.start(yieldingTo: continuation)
        self.events = events
        self.reader = reader
    }

    /// Stops receiving: closes the descriptors and ends `events`. Safe to call more than once.
    public func stop() {
        reader.stop()
    }

    deinit {
        reader.stop()
    }
}
