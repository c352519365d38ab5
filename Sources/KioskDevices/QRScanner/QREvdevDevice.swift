import Glibc
import Synchronization

/// An evdev input device node (`/dev/input/eventN`) opened read-only, the small evdev reader of keyboard mode.
///
/// Opening, grabbing and reading are separate steps: a test can adopt one end of a pipe, see `grab()` fail with
/// `.notAnInputDevice`, and still read `struct input_event`s through the same reading code as a real node.
public final class QREvdevDevice: Sendable {
    /// The path the device was opened by.
    public let path: String
    /// The descriptor, nil once it has been handed to the reading thread or closed.
    private let descriptor: Mutex<CInt?>

    /// EVIOCGRAB, `_IOW('E', 0x90, int)`: a macro Swift does not import.
    static let grabRequest: UInt = 0x4004_4590
    /// EVIOCSCLOCKID, `_IOW('E', 0xa0, int)`.
    static let clockRequest: UInt = 0x4004_45A0

    /// Takes ownership of an open descriptor (made non-blocking and close-on-exec); `path` names it in errors.
    public init(adopting descriptor: CInt, path: String) {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        self.path = path
        self.descriptor = Mutex(descriptor)
    }

    deinit {
        close()
    }

    /// Opens `path` read-only (the kioskd unit allows `char-input r`), and asks for monotonic event timestamps.
    public static func open(_ path: String) throws(QRScannerError) -> QREvdevDevice {
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw QRScannerError(errno: errno, path: path, doing: "open")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFCHR else {
            _ = Glibc.close(descriptor)
            throw .notAnInputDevice(path: path)
        }
        // Best effort: timestamps that NTP cannot step keep the gap check between keys honest.
        var clock = CInt(CLOCK_MONOTONIC)
        _ = ioctl(descriptor, clockRequest, &clock)
        return QREvdevDevice(adopting: descriptor, path: path)
    }

    /// Takes the device exclusively (EVIOCGRAB), so its keys reach kioskd only, never the browser or the console.
    ///
    /// Closing the descriptor releases the grab. Fails with `.notAnInputDevice` on anything that is not an evdev node
    /// (a pipe, a tty) and `.grabbedElsewhere` when another program holds the grab.
    public func grab() throws(QRScannerError) {
        let result: Result<Void, QRScannerError> = descriptor.withLock { descriptor in
            guard let descriptor else { return .failure(.ioFailure(path: path, reason: "the device is already closed")) }
            guard ioctl(descriptor, Self.grabRequest, CInt(1)) == 0 else {
                return .failure(QRScannerError(errno: errno, path: path, doing: "grab"))
            }
            return .success(())
        }
        try result.get()
    }

    /// Closes the descriptor if the reading thread does not own it; does nothing the second time.
    public func close() {
        descriptor.withLock { descriptor in
            if let open = descriptor { _ = Glibc.close(open) }
            descriptor = nil
        }
    }

    /// Reads events on a thread of their own, in the batches the kernel hands over, until the device goes away
    /// (`QRScannerError.disconnected`) or the consumer stops iterating; the descriptor is closed at the end.
    public func events() -> AsyncThrowingStream<[QRInputEvent], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[QRInputEvent], any Error>.makeStream()
        guard let taken = descriptor.withLock({ descriptor in defer { descriptor = nil }; return descriptor }) else {
            continuation.finish(throwing: QRScannerError.ioFailure(path: path, reason: "the device is closed or already being read"))
            return stream
        }
        do {
            let reader = try QREvdevReader(descriptor: taken, path: path)
            continuation.onTermination = { _ in reader.stop() }
            reader.start(yieldingTo: continuation)
        } catch {
            _ = Glibc.close(taken)
            continuation.finish(throwing: error)
        }
        return stream
    }
}

extension QRScannerError {
    /// The error a failed system call on an input device stands for.
    init(errno code: CInt, path: String, doing operation: String) {
        switch code {
        case ENOENT, ENOTDIR, ENXIO:
            self = .notFound(path: path)
        case EACCES, EPERM:
            self = .permissionDenied(path: path)
        case EBUSY:
            self = .grabbedElsewhere(path: path)
        case ENOTTY, EINVAL:
            self = .notAnInputDevice(path: path)
        case ENODEV:
            self = .disconnected(path: path)
        default:
            self = .ioFailure(path: path, reason: "could not \(operation) it: \(String(cString: strerror(code))) (errno \(code))")
        }
    }
}
