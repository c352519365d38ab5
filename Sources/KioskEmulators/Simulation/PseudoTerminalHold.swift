import Glibc

/// Keeps a descriptor of an emulator's pty slave and lifts the tty's exclusive mode after each close
/// (`ExclusivityRelease`).
///
/// An emulator holds a descriptor of its tty, so Linux would keep kioskd's TIOCEXCL after kioskd closed the port,
/// and a kioskd not running as root could not reopen it (a probe of the serial QR scanner opens and closes it each
/// time). The ID-card emulator does the same for itself.
final class PseudoTerminalHold: Sendable {
    private let descriptor: CInt
    private let release: ExclusivityRelease

    private init(descriptor: CInt, release: ExclusivityRelease) {
        self.descriptor = descriptor
        self.release = release
    }

    /// Opens `path` (before kioskd does) and starts lifting exclusivity; nil when it cannot be opened.
    static func start(path: String) -> PseudoTerminalHold? {
        let descriptor = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        return PseudoTerminalHold(descriptor: descriptor, release: ExclusivityRelease(path: path, descriptor: descriptor))
    }

    /// Stops lifting and closes the descriptor.
    func stop() async {
        await release.stop()
        _ = close(descriptor)
    }
}
