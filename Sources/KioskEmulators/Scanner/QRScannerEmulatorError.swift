import Glibc

/// Why the scanner emulator could not start or send.
public enum QRScannerEmulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// openpty or setting up its slave failed.
    case pseudoTerminal(step: String, errno: CInt)
    /// The link to the slave could not be made.
    case link(path: String, errno: CInt)
    /// The emulator was closed ("unplugged"): nothing can be sent any more.
    case unplugged
    /// Writing to the master side failed.
    case writeFailed(reason: String)

    public var description: String {
        switch self {
        case .pseudoTerminal(let step, let code):
            return "the scanner emulator could not make a pseudo-terminal: \(step) failed: \(String(cString: strerror(code))) (errno \(code))"
        case .link(let path, let code):
            return "the scanner emulator could not link \(path) to its pseudo-terminal: \(String(cString: strerror(code))) (errno \(code))"
        case .unplugged:
            return "the scanner emulator is closed (unplugged)"
        case .writeFailed(let reason):
            return "the scanner emulator could not write to its pseudo-terminal: \(reason)"
        }
    }
}
