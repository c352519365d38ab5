import CPCSCLite
import Synchronization

/// Watches pcscd for readers and cards through `SCardGetStatusChange`, the `\\?PnP?\Notification`
/// pseudo-reader included, and reconnects by itself when pcscd restarts.
///
/// Each access to `events` is a new subscription that yields what changes from then on (subscribe
/// before `start()` to see the first `serviceAvailable`); `snapshot` is the state now. The loop
/// runs until `stop()`.
public final class PCSCMonitor: Sendable {
    /// What the monitor knows now.
    public struct Snapshot: Sendable, Equatable {
        public var serviceAvailable = false
        /// Reader name → ATR of the card in it (nil when empty).
        public var readers: [String: [UInt8]?] = [:]
        /// The last PC/SC error, for diagnostics.
        public var lastError: PCSCError?

        public init() {}

        /// Readers whose names start with `prefix` (all when empty), sorted.
        public func readers(matching prefix: String) -> [String] {
            readers.keys.filter { prefix.isEmpty || $0.hasPrefix(prefix) }.sorted()
        }
    }

    private let subscribers = Mutex<[Int: AsyncStream<PCSCEvent>.Continuation]>([:])
    private let nextSubscriber = Atomic(0)
    private let state = Mutex(Snapshot())
    private let context = Mutex<PCSCContext?>(nil)
    private let stopped = Atomic(false)
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// How long one `SCardGetStatusChange` waits before the loop looks again. Changes of readers (through the
    /// `\\?PnP?\Notification` pseudo-reader) and cards end the wait at once, a pcscd that goes away ends it with an
    /// error, and `stop()`/`reopen()` cancel it: the timeout is only a backstop, so it is long (an idle kiosk then
    /// wakes for pcscd once a minute, not every 2 s).
    let pollTimeout: Duration
    /// How long to wait before trying pcscd again after it went away; doubled on each failed try up to
    /// `maximumRetryDelay`, and back to this after pcscd answered.
    let retryDelay: Duration
    /// The longest wait between two tries while pcscd stays away (a kiosk without pcscd running).
    let maximumRetryDelay: Duration

    public init(pollTimeout: Duration = .seconds(60), retryDelay: Duration = .milliseconds(250), maximumRetryDelay: Duration = .seconds(4)) {
        self.pollTimeout = pollTimeout
        self.retryDelay = retryDelay
        self.maximumRetryDelay = max(maximumRetryDelay, retryDelay)
    }

    /// A new subscription to the monitor's events, ending at `stop()`.
    public var events: AsyncStream<PCSCEvent> {
        let (stream, continuation) = AsyncStream<PCSCEvent>.makeStream(bufferingPolicy: .bufferingNewest(256))
        let id = nextSubscriber.add(1, ordering: .sequentiallyConsistent).oldValue
        if stopped.load(ordering: .sequentiallyConsistent) {
            continuation.finish()
        } else {
            subscribers.withLock { $0[id] = continuation }
            continuation.onTermination = { [weak self] _ in self?.subscribers.withLock { _ = $0.removeValue(forKey: id) } }
        }
        return stream
    }

    /// Sends `event` to every subscriber.
    private func yield(_ event: PCSCEvent) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    /// The state now.
    public var snapshot: Snapshot { state.withLock { $0 } }

    /// Starts the loop (once).
    public func start() {
        task.withLock { task in
            guard task == nil else { return }
            task = Task.detached { [self] in await run() }
        }
    }

    /// Ends the loop and the event stream.
    public func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        context.withLock { $0?.cancel() }
        task.withLock { $0?.cancel() }
        for continuation in subscribers.withLock({ subscribers in
            defer { subscribers = [:] }
            return Array(subscribers.values)
        }) { continuation.finish() }
    }

    /// Drops the context so that the next turn establishes a new one (the `reopen` recovery step).
    public func reopen() {
        context.withLock { context in
            context?.cancel()
            context = nil
        }
    }

    private var isStopped: Bool { stopped.load(ordering: .sequentiallyConsistent) || Task.isCancelled }

    private func run() async {
        var current: [String: UInt32] = [:]
        // The wait before the next try after a failure: `retryDelay` after a success, doubling while failures go on.
        var delay = retryDelay
        func pause() async {
            try? await Task.sleep(for: delay)
            delay = min(delay * 2, maximumRetryDelay)
        }
        while !isStopped {
            let active: PCSCContext
            if let existing = context.withLock({ $0 }) {
                active = existing
            } else {
                do {
                    active = try await PCSCContext.establish()
                    context.withLock { $0 = active }
                    current = [:]
                    state.withLock { $0.serviceAvailable = true; $0.lastError = nil }
                    yield(.serviceAvailable)
                } catch {
                    serviceLost(error, current: &current)
                    await pause()
                    continue
                }
            }
            do {
                try await turn(active, current: &current)
                delay = retryDelay
            } catch .cancelled, .timeout {
                delay = retryDelay
                continue
            } catch {
                if error.needsNewContext {
                    context.withLock { if $0 === active { $0 = nil } }
                    serviceLost(error, current: &current)
                } else {
                    state.withLock { $0.lastError = error }
                }
                await pause()
            }
        }
    }

    /// One listing and one wait for a change.
    private func turn(_ active: PCSCContext, current: inout [String: UInt32]) async throws(PCSCError) {
        let names = try await active.readers()
        for name in names where current[name] == nil {
            current[name] = 0
            state.withLock { $0.readers[name] = .some(nil) }
            yield(.readerAdded(name))
        }
        for name in current.keys where !names.contains(name) {
            current[name] = nil
            let hadCard = state.withLock { $0.readers.removeValue(forKey: name) ?? nil } != nil
            if hadCard { yield(.cardRemoved(reader: name)) }
            yield(.readerRemoved(name))
        }
        var states = names.map { PCSCReaderState(reader: $0, currentState: current[$0] ?? 0) }
        states.append(PCSCReaderState(reader: PCSCReaderState.plugAndPlayReader, currentState: UInt32(names.count) << 16))
        let changed = try await active.statusChange(states, timeout: pollTimeout)
        for reader in changed where reader.reader != PCSCReaderState.plugAndPlayReader && names.contains(reader.reader) {
            guard reader.flags.contains(.changed) || current[reader.reader] == 0 else { continue }
            current[reader.reader] = reader.eventState & ~Flags.changed.rawValue
            let before = state.withLock { $0.readers[reader.reader] ?? nil }
            if reader.cardPresent, before == nil || before != reader.atr {
                state.withLock { $0.readers[reader.reader] = .some(reader.atr) }
                yield(.cardInserted(reader: reader.reader, atr: reader.atr))
            } else if !reader.cardPresent, before != nil {
                state.withLock { $0.readers[reader.reader] = .some(nil) }
                yield(.cardRemoved(reader: reader.reader))
            }
        }
    }

    private typealias Flags = PCSCReaderState.Flags

    /// Records that pcscd is gone: readers and cards are forgotten (they come back with it).
    private func serviceLost(_ error: PCSCError, current: inout [String: UInt32]) {
        let (wasAvailable, readers) = state.withLock { snapshot in
            let result = (snapshot.serviceAvailable, snapshot.readers)
            snapshot.serviceAvailable = false
            snapshot.readers = [:]
            snapshot.lastError = error
            return result
        }
        current = [:]
        for (name, atr) in readers.sorted(by: { $0.key < $1.key }) {
            if atr != nil { yield(.cardRemoved(reader: name)) }
            yield(.readerRemoved(name))
        }
        // Once per outage: when pcscd was up, or the first time it is found missing.
        if wasAvailable || !reportedDown.exchange(true, ordering: .sequentiallyConsistent) {
            yield(.serviceUnavailable(error))
        }
    }

    private let reportedDown = Atomic(false)
}
