import Foundation

/// Fans events out to every WebSocket subscriber; a slow subscriber loses its oldest events, never blocks others.
public actor EventBroadcaster {
    private var subscribers: [UUID: AsyncStream<ServiceEvent>.Continuation] = [:]
    private let buffer: Int

    public init(buffer: Int = 64) {
        self.buffer = buffer
    }

    /// A stream of every event published from now on; it ends when the consumer stops iterating it.
    public func subscribe() -> AsyncStream<ServiceEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: ServiceEvent.self, bufferingPolicy: .bufferingNewest(buffer))
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        return stream
    }

    /// Sends an event to every subscriber.
    public func publish(_ event: ServiceEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    /// How many subscribers there are.
    public var count: Int { subscribers.count }

    private func remove(_ id: UUID) {
        subscribers[id] = nil
    }
}
