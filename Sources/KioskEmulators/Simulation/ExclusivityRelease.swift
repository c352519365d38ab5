import Glibc

/// Lifts an emulator's tty out of exclusive mode (TIOCNXCL) whenever a descriptor of it is closed
/// (`TerminalCloseWatch`), or every 250 ms where inotify is not available.
///
/// kioskd opens serial ports with TIOCEXCL, which Linux clears only when the last descriptor of the tty closes; an
/// emulator holds one, so without this a kioskd not running as root could not open the port again after closing it.
final class ExclusivityRelease: Sendable {
    /// How often exclusivity is lifted where inotify is not available.
    static let interval = Duration.milliseconds(250)

    private let watch: CInt?
    private let task: Task<Void, Never>?

    /// Starts lifting exclusivity on `descriptor`, a descriptor of the tty at `path`.
    init(path: String, descriptor: CInt) {
        if let watch = TerminalCloseWatch.shared?.watch(path: path, descriptor: descriptor) {
            self.watch = watch
            task = nil
        } else {
            watch = nil
            task = Task.detached {
                while !Task.isCancelled {
                    _ = ioctl(descriptor, UInt(TIOCNXCL))
                    try? await Task.sleep(for: Self.interval)
                }
            }
        }
    }

    /// Stops lifting (before the descriptor is closed).
    func stop() async {
        if let watch { TerminalCloseWatch.shared?.unwatch(watch) }
        task?.cancel()
        await task?.value
    }
}
