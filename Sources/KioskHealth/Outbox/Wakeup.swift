import Foundation

/// Lets one waiting loop sleep until a deadline or until someone signals, whichever comes first.
final class Wakeup: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var continuation: CheckedContinuation<Void, Never>?

    /// Wakes the waiter now, or makes its next wait return at once.
    func signal() {
        lock.lock()
        if let continuation {
            self.continuation = nil
            lock.unlock()
            continuation.resume()
        } else {
            pending = true
            lock.unlock()
        }
    }

    /// Waits for a signal or `timeout`; returns early when the task is cancelled.
    func wait(timeout: TimeInterval) async {
        await wait { try? await Task.sleep(nanoseconds: UInt64(max(timeout, 0) * 1e9)) }
    }

    /// Waits for a signal or for `sleep` to return (it must return when cancelled).
    func wait(sleep: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await sleep()
                self.signal()
            }
            group.addTask { await self.waitForSignal() }
            await group.next()
            group.cancelAll()
            await group.waitForAll()
        }
        lock.withLock { pending = false }
    }

    private func waitForSignal() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if pending {
                pending = false
                lock.unlock()
                continuation.resume()
            } else {
                self.continuation = continuation
                lock.unlock()
            }
        }
    }
}
