import CLibUSB
import Foundation
import Synchronization

/// The thread that runs libusb's event loop for one context: transfer completions, timeouts and
/// hot-plug callbacks all happen on it.
///
/// It loops on `libusb_handle_events_timeout_completed` with a short timeout; `shutdown()` sets a
/// flag, wakes the loop with `libusb_interrupt_event_handler`, waits for the thread to end and only
/// then calls `libusb_exit`, so that the exit never races a running event handler.
final class USBEventThread: Sendable {
    private let context: LibusbPointer
    private let stopping = Atomic<Bool>(false)
    /// Set when `shutdown()` ran on the event thread itself (inside a callback): the thread then exits
    /// the context after its loop ends, as nobody can wait for it.
    private let exitOnThread = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)
    private let threadID = Mutex<pthread_t?>(nil)

    /// Starts the thread for `context`, which it will own from now on.
    init(context: LibusbPointer, name: String = "kioskd-libusb-events") {
        self.context = context
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    private func run() {
        threadID.withLock { $0 = pthread_self() }
        var interval = timeval(tv_sec: 0, tv_usec: 100_000)
        while !stopping.load(ordering: .acquiring) {
            // An error here (LIBUSB_ERROR_INTERRUPTED after libusb_interrupt_event_handler, say)
            // only means "look at the flag again".
            _ = libusb_handle_events_timeout_completed(context.raw, &interval, nil)
        }
        if exitOnThread.load(ordering: .acquiring) {
            libusb_exit(context.raw)
        }
        stopped.signal()
    }

    /// Whether the caller runs on this event thread (inside a libusb callback).
    private var isCurrent: Bool {
        threadID.withLock { id in id.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    /// Ends the loop, waits for the thread and frees the context with `libusb_exit`. Call once.
    func shutdown() {
        if isCurrent {
            exitOnThread.store(true, ordering: .releasing)
            stopping.store(true, ordering: .releasing)
            return
        }
        stopping.store(true, ordering: .releasing)
        libusb_interrupt_event_handler(context.raw)
        stopped.wait()
        libusb_exit(context.raw)
    }
}
