import Glibc
import KioskCore

/// The system calls that turn a tty path into an exclusive, configured, non-blocking descriptor.
enum SerialDescriptor {
    /// The device node behind `path` with every symbolic link resolved (`/dev/serial/by-id/…` → `/dev/ttyUSB0`).
    static func resolve(_ path: String) throws(SerialError) -> String {
        guard let resolved = realpath(path, nil) else {
            throw SerialError(errno: errno, path: path, doing: "resolve")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Opens `path`, takes the line exclusively and applies `settings`; the caller owns the descriptor.
    static func open(_ path: String, settings: SerialSettings) throws(SerialError) -> CInt {
        let fd = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw SerialError(errno: errno, path: path, doing: "open")
        }
        do {
            try prepare(fd, path: path, settings: settings)
            return fd
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
    }

    private static func prepare(_ fd: CInt, path: String, settings: SerialSettings) throws(SerialError) {
        guard isatty(fd) == 1 else {
            throw .notATerminal(path: path)
        }
        // TIOCEXCL stops other programs; flock stops other opens that ask for the lock, root included.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw SerialError(errno: errno, path: path, doing: "lock")
        }
        guard ioctl(fd, UInt(TIOCEXCL)) == 0 else {
            throw SerialError(errno: errno, path: path, doing: "take exclusive use of")
        }

        var attributes = termios()
        guard tcgetattr(fd, &attributes) == 0 else {
            throw SerialError(errno: errno, path: path, doing: "read the line settings of")
        }
        try attributes.configure(for: settings)
        guard tcsetattr(fd, TCSANOW, &attributes) == 0 else {
            throw SerialError(errno: errno, path: path, doing: "apply the line settings to")
        }
        var applied = termios()
        guard tcgetattr(fd, &applied) == 0 else {
            throw SerialError(errno: errno, path: path, doing: "read back the line settings of")
        }
        guard cfgetospeed(&applied) == cfgetospeed(&attributes) else {
            throw .unsupportedSettings(reason: "\(path) does not support \(settings.baud) baud")
        }
        guard tcflush(fd, TCIOFLUSH) == 0 else {
            throw SerialError(errno: errno, path: path, doing: "flush")
        }
    }
}

extension SerialError {
    /// The error a failed system call on a serial port stands for.
    init(errno code: CInt, path: String, doing operation: String) {
        switch code {
        case ENOENT, ENOTDIR, ENXIO, ENODEV:
            self = .notFound(path: path)
        case EACCES, EPERM:
            self = .permissionDenied(path: path)
        case EBUSY, EWOULDBLOCK:
            self = .portBusy(path: path)
        case ENOTTY, EISDIR:
            self = .notATerminal(path: path)
        case EIO:
            self = .disconnected(path: path)
        default:
            self = .ioFailure(path: path, reason: "could not \(operation) it: \(String(cString: strerror(code))) (errno \(code))")
        }
    }
}
