import Glibc

/// Keeps a descriptor of an emulator's pty slave and lifts the tty's exclusive mode (TIOCNXCL) whenever a descriptor
/// of it is closed (`TerminalCloseWatch`; every 250 ms instead where inotify is not available).
///
/// kioskd opens serial ports with TIOCEXCL, which Linux clears only when the last descriptor of the tty closes; an
/// emulator holds one, so without this a kioskd not running as root could not reopen the port (a probe of the serial
/// QR scanner opens and closes it each time). The ID-card emulator does the same for itself.
final class PseudoTerminalHold: Sendable {
    private let descriptor: CInt
    private let watch: CInt?
    private let task: Task<Void, Never>?

    private init(descriptor: CInt, watch: CInt?, task: Task<Void, Never>?) {
        self.descriptor = descriptor
        self.watch = watch
        self.task = task
    }

    /// Opens `path` (before kioskd does) and starts lifting exclusivity; nil when it cannot be opened.
    static func start(path: String) -> PseudoTerminalHold? {
        let descriptor = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        if let watch = TerminalCloseWatch.shared?.watch(path: path, descriptor: descriptor) {
            return PseudoTerminalHold(descriptor: descriptor, watch: watch, task: nil)
        }
        let task = Task.detached {
            while !Task.isCancelled {
                _ = ioctl(descriptor, UInt(TIOCNXCL))
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
        return PseudoTerminalHold(descriptor: descriptor, watch: nil, task: task)
    }

    /// Stops lifting and closes the descriptor.
    func stop() async {
        if let watch { TerminalCloseWatch.shared?.unwatch(watch) }
        task?.cancel()
        await task?.value
        _ = close(descriptor)
    }
}
