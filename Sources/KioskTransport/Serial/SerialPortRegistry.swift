import Synchronization

/// The device nodes this process has open, so that a second open fails even as root (which TIOCEXCL does not stop).
final class SerialPortRegistry: Sendable {
    /// One claim on a device node; releasing it twice, or after a newer claim, does nothing.
    struct Reservation: Sendable, Hashable {
        let devicePath: String
        fileprivate let token: UInt64
    }

    static let shared = SerialPortRegistry()

    private let state = Mutex<(next: UInt64, holders: [String: UInt64])>((next: 0, holders: [:]))

    /// Claims `devicePath`, or returns nil when this process already holds it.
    func reserve(_ devicePath: String) -> Reservation? {
        state.withLock { state in
            guard state.holders[devicePath] == nil else { return nil }
            state.next += 1
            state.holders[devicePath] = state.next
            return Reservation(devicePath: devicePath, token: state.next)
        }
    }

    /// Gives the claim back.
    func release(_ reservation: Reservation) {
        state.withLock { state in
            if state.holders[reservation.devicePath] == reservation.token {
                state.holders[reservation.devicePath] = nil
            }
        }
    }
}
