import Dispatch
import Glibc
import Synchronization

/// Lifts an emulator's tty out of exclusive mode (TIOCNXCL) each time a descriptor of it is closed, told by inotify
/// (`IN_CLOSE_WRITE`/`IN_CLOSE_NOWRITE` on the slave's node), instead of on a timer.
///
/// kioskd opens serial ports with TIOCEXCL, which Linux clears only when the last descriptor of the tty closes; an
/// emulator holds one, so the emulator must clear it after kioskd closed the port, or a kioskd not running as root
/// could not open the port again. One inotify descriptor serves every watched tty; its events are read by a Dispatch
/// read source, so an idle emulator costs no wake-up (a timer lifting it every 250 ms cost four a second per tty).
/// Nothing is read from or written to the tty.
final class TerminalCloseWatch: @unchecked Sendable {
    /// The process's watch; nil when inotify is not available (the callers then lift on a timer).
    static let shared: TerminalCloseWatch? = TerminalCloseWatch()

    private let inotify: CInt
    private let source: any DispatchSourceRead
    /// Watch descriptor → the descriptor of the tty to lift exclusivity on.
    private let watched = Mutex<[CInt: CInt]>([:])

    private init?() {
        let descriptor = inotify_init1(CInt(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        inotify = descriptor
        source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: DispatchQueue(label: "kioskd.emulators.tty-close"))
        source.setEventHandler { [unowned self] in drain() }
        source.activate()
    }

    /// Starts lifting exclusivity on `descriptor` (a descriptor of the tty at `path`; a symbolic link is followed)
    /// whenever any descriptor of that tty is closed. Returns the watch to pass to `unwatch`, or nil on failure.
    func watch(path: String, descriptor: CInt) -> CInt? {
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_CLOSE_NOWRITE)
        let watch = inotify_add_watch(inotify, path, mask)
        guard watch >= 0 else { return nil }
        watched.withLock { $0[watch] = descriptor }
        return watch
    }

    /// Stops the watch (before the descriptor is closed).
    func unwatch(_ watch: CInt) {
        guard watched.withLock({ $0.removeValue(forKey: watch) }) != nil else { return }
        _ = inotify_rm_watch(inotify, watch)
    }

    /// Reads every queued event; lifts exclusivity for the closes.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
            guard count > 0 else { return }  // EAGAIN: nothing more for now
            var offset = 0
            let headerSize = MemoryLayout<inotify_event>.size
            while offset + headerSize <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { bytes in
                    let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                offset += headerSize + length
                if mask & UInt32(IN_IGNORED) != 0 {
                    _ = watched.withLock { $0.removeValue(forKey: watch) }
                } else if mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_CLOSE_NOWRITE)) != 0,
                          let descriptor = watched.withLock({ $0[watch] }) {
                    _ = ioctl(descriptor, UInt(TIOCNXCL))
                }
            }
        }
    }
}
