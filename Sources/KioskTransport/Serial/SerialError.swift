/// Why a serial port could not be opened, configured, read or written.
public enum SerialError: Error, Sendable, Equatable, Hashable {
    /// No device at the path (or a stable link pointing nowhere).
    case notFound(path: String)
    /// The daemon's user may not open the port.
    case permissionDenied(path: String)
    /// Another program, or another part of kioskd, holds the port.
    case portBusy(path: String)
    /// The path is not a terminal device (a regular file, a directory…).
    case notATerminal(path: String)
    /// The line cannot be set up as asked.
    case unsupportedSettings(reason: String)
    /// Nothing (or not enough) arrived in time.
    case timeout(path: String, after: Duration)
    /// The port went away: the device was unplugged or the far end hung up.
    case disconnected(path: String)
    /// The connection was closed by kioskd itself before or during the operation.
    case closed(path: String)
    /// A system call failed for another reason.
    case ioFailure(path: String, reason: String)
}

extension SerialError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFound(let path):
            return "serial port \(path) does not exist: check the cable and the USB adapter, and that the path or /dev/serial/by-id link in the configuration is right"
        case .permissionDenied(let path):
            return "no permission to open serial port \(path): add the kioskd user to the dialout group (SupplementaryGroups=dialout in kioskd.service) or fix the udev rule for the device"
        case .portBusy(let path):
            return "serial port \(path) is in use by another program or another kioskd device: check `fuser \(path)` and that two devices in the configuration do not name the same port"
        case .notATerminal(let path):
            return "\(path) is not a serial port (not a terminal device): point the configuration at a tty such as /dev/ttyUSB0 or a /dev/serial/by-id link"
        case .unsupportedSettings(let reason):
            return "serial settings cannot be applied: \(reason); fix the device profile"
        case .timeout(let path, let after):
            return "no answer from the device on serial port \(path) within \(after): check that it is powered and that the profile's baud rate and framing match the device"
        case .disconnected(let path):
            return "serial port \(path) disconnected: the device was unplugged or powered off; check the cable and the USB adapter"
        case .closed(let path):
            return "serial port \(path) was closed by kioskd"
        case .ioFailure(let path, let reason):
            return "input/output error on serial port \(path): \(reason)"
        }
    }
}
