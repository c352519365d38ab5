import KioskTransport

/// Why a scanner could not be opened or read, or why one code was rejected.
///
/// No case carries the bytes of a code: a rejected code may be part of a secret.
public enum QRScannerError: Error, Sendable, Equatable, Hashable {
    /// A code longer than the profile's `max_length` (bytes on a serial line, characters in keyboard mode).
    case codeTooLong(limit: Int)
    /// A code whose bytes are not UTF-8 text.
    case notUTF8(length: Int)
    /// Part of a code followed by silence: the terminator never came.
    case incompleteCode(length: Int, after: Duration)
    /// A key the US keyboard map has no character for, inside a code (keyboard mode).
    case unmappedKey(code: UInt16)
    /// The serial port could not be opened or failed.
    case serial(SerialError)
    /// No input device node at the path.
    case notFound(path: String)
    /// The daemon's user may not open the node.
    case permissionDenied(path: String)
    /// The path is not an evdev input device (EVIOCGRAB is not understood there).
    case notAnInputDevice(path: String)
    /// Another program holds the input device exclusively.
    case grabbedElsewhere(path: String)
    /// The scanner went away: unplugged, powered off or hung up.
    case disconnected(path: String)
    /// A system call on the input device failed for another reason.
    case ioFailure(path: String, reason: String)
    /// A profile parameter cannot be used.
    case invalidParameter(name: String, reason: String)
}

extension QRScannerError {
    /// True for a rejected code, after which the scanner goes on reading; false when reading has ended.
    public var isRejection: Bool {
        switch self {
        case .codeTooLong, .notUTF8, .incompleteCode, .unmappedKey: true
        case .serial, .notFound, .permissionDenied, .notAnInputDevice, .grabbedElsewhere, .disconnected, .ioFailure,
            .invalidParameter: false
        }
    }
}

extension QRScannerError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .codeTooLong(let limit):
            return "a scanned code was longer than \(limit) bytes and was dropped: raise the profile's max_length if such codes are expected, or check that its terminator matches the scanner's"
        case .notUTF8(let length):
            return "a scanned code of \(length) bytes was not UTF-8 text and was dropped: set the scanner to UTF-8 output, or check the profile's baud rate and framing"
        case .incompleteCode(let length, let after):
            return "\(length) bytes of a code arrived without a terminator within \(after) and were dropped: check that the profile's terminator matches the scanner's"
        case .unmappedKey(let code):
            return "the scanner typed key code \(code), which has no character on a US keyboard; the code was dropped: set the scanner's keyboard layout to US"
        case .serial(let error):
            return error.description
        case .notFound(let path):
            return "input device \(path) does not exist: check the USB cable and the udev match in the configuration"
        case .permissionDenied(let path):
            return "no permission to open input device \(path): add the kioskd user to the input group (SupplementaryGroups=input) and allow `char-input r` in kioskd.service"
        case .notAnInputDevice(let path):
            return "\(path) is not an evdev input device: point the configuration at /dev/input/eventN or a /dev/input/by-id link"
        case .grabbedElsewhere(let path):
            return "input device \(path) is grabbed by another program: check `fuser \(path)` and that no other kioskd device names it"
        case .disconnected(let path):
            return "scanner \(path) disconnected: it was unplugged or powered off; check the cable"
        case .ioFailure(let path, let reason):
            return "input/output error on scanner \(path): \(reason)"
        case .invalidParameter(let name, let reason):
            return "QR scanner profile parameter \(name): \(reason)"
        }
    }
}
