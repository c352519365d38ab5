import Synchronization

/// The emulator's state, shared by its channel handler and its control API.
final class IDCardEmulatorShared: Sendable {
    let device: Mutex<IDCardEmulatorDevice>
    /// Bytes the host sent (garbage included) and bytes the emulator sent.
    let received = Atomic<Int>(0)
    let sent = Atomic<Int>(0)

    init(device: IDCardEmulatorDevice) {
        self.device = Mutex(device)
    }
}
