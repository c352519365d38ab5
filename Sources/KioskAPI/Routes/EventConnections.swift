import Foundation
import Synchronization

/// The events WebSockets open in this process, so that `POST /api/v1/simulation/events/drop` (only under
/// `kioskd --simulate`) can close them all from the server side, as a lost connection would.
final class EventConnections: Sendable {
    /// Every events WebSocket of this process (one kioskd serves one set of listeners).
    static let shared = EventConnections()

    private let open = Mutex<[UUID: AsyncStream<Void>.Continuation]>([:])

    /// Registers a connection: `dropped` ends when `dropAll()` is called or the connection leaves.
    func join() -> (id: UUID, dropped: AsyncStream<Void>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        let id = UUID()
        open.withLock { $0[id] = continuation }
        return (id, stream)
    }

    /// Withdraws a connection that ended.
    func leave(_ id: UUID) {
        open.withLock { $0.removeValue(forKey: id) }?.finish()
    }

    /// Ends every open connection; returns how many there were.
    @discardableResult
    func dropAll() -> Int {
        let dropped = open.withLock { connections in
            defer { connections.removeAll() }
            return Array(connections.values)
        }
        for connection in dropped { connection.finish() }
        return dropped.count
    }
}
