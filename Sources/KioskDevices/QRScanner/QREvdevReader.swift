import Foundation
import Glibc
import NIOCore
import Synchronization

/// The thread behind `QREvdevDevice.events()`: waits in `poll()` on the device and on a wake-up pipe, reads whole
/// `struct input_event`s, and closes everything when woken or when the device goes away.
///
/// `stop()` may come from any thread; it only writes a byte to the wake-up pipe, under the lock that the thread takes
/// to close that pipe.
final class QREvdevReader: Sendable {
    private let descriptor: CInt
    private let path: String
    private let wakeReadDescriptor: CInt
    /// The pipe's write end, nil once the thread has closed it.
    private let wakeWriteDescriptor: Mutex<CInt?>

    /// Events read per `read()` at most.
    static let batch = 64

    init(descriptor: CInt, path: String) throws(QRScannerError) {
        var pipeDescriptors: [CInt] = [-1, -1]
        guard pipe(&pipeDescriptors) == 0 else {
            throw QRScannerError(errno: errno, path: path, doing: "make a wake-up pipe for")
        }
        for end in pipeDescriptors {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        self.descriptor = descriptor
        self.path = path
        self.wakeReadDescriptor = pipeDescriptors[0]
        self.wakeWriteDescriptor = Mutex(pipeDescriptors[1])
    }

    /// Starts the reading thread, which owns the device descriptor from now on.
    func start(yieldingTo continuation: AsyncThrowingStream<[QRInputEvent], any Error>.Continuation) {
        let thread = Thread { [self] in
            let failure = receive(into: continuation)
            release()
            continuation.finish(throwing: failure)
        }
        thread.name = "kioskd-qrscanner-evdev"
        thread.start()
    }

    /// Wakes the thread so that it closes everything and ends the events.
    func stop() {
        wakeWriteDescriptor.withLock { descriptor in
            guard let descriptor else { return }
            var byte: UInt8 = 1
            _ = write(descriptor, &byte, 1)  // a full pipe already holds a wake-up
        }
    }

    /// Reads until woken (nil), until the device goes away or until reading fails (the error).
    private func receive(into continuation: AsyncThrowingStream<[QRInputEvent], any Error>.Continuation) -> QRScannerError? {
        var polled = [
            pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReadDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        var chunk = [UInt8](repeating: 0, count: QRInputEvent.size * Self.batch)
        var received = ByteBuffer()
        while true {
            guard poll(&polled, nfds_t(polled.count), -1) >= 0 else {
                if errno == EINTR { continue }
                return QRScannerError(errno: errno, path: path, doing: "wait for events from")
            }
            if polled[1].revents != 0 { return nil }
            guard polled[0].revents != 0 else { continue }
            if polled[0].revents & Int16(POLLNVAL) != 0 {
                return .ioFailure(path: path, reason: "the descriptor was closed under the reader")
            }
            // Read until the kernel has no more (EAGAIN); EOF or ENODEV means the device is gone.
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    received.writeBytes(chunk[..<count])
                    var events: [QRInputEvent] = []
                    while let event = received.readQRInputEvent() { events.append(event) }
                    received.discardReadBytes()
                    if !events.isEmpty, case .terminated = continuation.yield(events) { return nil }
                } else if count == 0 {
                    return .disconnected(path: path)
                } else if errno == EINTR {
                    continue
                } else if errno == EAGAIN || errno == EWOULDBLOCK {
                    break
                } else {
                    return QRScannerError(errno: errno, path: path, doing: "read")
                }
            }
        }
    }

    /// Closes the device (which releases a grab) and the pipe: on the thread, once.
    private func release() {
        wakeWriteDescriptor.withLock { descriptor in
            if let open = descriptor { close(open) }
            descriptor = nil
        }
        close(wakeReadDescriptor)
        close(descriptor)
    }
}
