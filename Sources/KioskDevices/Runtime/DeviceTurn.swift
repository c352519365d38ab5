import Synchronization

/// One holder at a time, in the order they came: a managed device's probes, recoveries and opens each take the
/// turn, so that two of them never use the device's transport at once (a scheduled probe and an explicit one
/// would otherwise interleave their requests and read each other's replies).
///
/// `done()` is synchronous, for `defer`. A task cancelled while it waits still gets its turn; its I/O then
/// ends at once as cancelled.
final class DeviceTurn: Sendable {
    private struct Line {
        var taken = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let line = Mutex(Line())

    /// Waits until no one else holds the turn, then holds it; every `take()` is paired with one `done()`.
    func take() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = line.withLock { line in
                guard line.taken else {
                    line.taken = true
                    return true
                }
                line.waiting.append(continuation)
                return false
            }
            if free { continuation.resume() }
        }
    }

    /// Hands the turn to the next in line, or frees it.
    func done() {
        let next = line.withLock { line -> CheckedContinuation<Void, Never>? in
            guard !line.waiting.isEmpty else {
                line.taken = false
                return nil
            }
            return line.waiting.removeFirst()
        }
        next?.resume()
    }
}
