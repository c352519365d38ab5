import NIOCore

/// The handler at the tail of an ID-card reader's serial channel: keeps decoded responses and decoding errors, and
/// hands them to the receive waiting for them.
final class IDCardResponseInbox: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = IDCardResponse

    private struct Waiter {
        let id: UInt64
        let promise: EventLoopPromise<IDCardLinkEvent>
        let deadline: Scheduled<Void>
    }

    private let path: String
    private var pending: [IDCardLinkEvent] = []
    private var waiter: Waiter?
    private var ended: IDCardError?

    init(path: String) {
        self.path = path
    }

    // MARK: Receives, called on the channel's event loop

    /// The next event, or `.timedOut` after `timeout`.
    func next(id: UInt64, timeout: Duration, on eventLoop: any EventLoop) -> EventLoopFuture<IDCardLinkEvent> {
        if !pending.isEmpty { return eventLoop.makeSucceededFuture(pending.removeFirst()) }
        if let ended { return eventLoop.makeFailedFuture(ended) }
        guard waiter == nil else {
            return eventLoop.makeFailedFuture(IDCardError.internalError("two receives at once on \(path)"))
        }
        let promise = eventLoop.makePromise(of: IDCardLinkEvent.self)
        let deadline = eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) {
            self.complete(id, with: .success(.timedOut))
        }
        waiter = Waiter(id: id, promise: promise, deadline: deadline)
        return promise.futureResult
    }

    /// Ends the receive `id` (its task was cancelled).
    func cancel(_ id: UInt64) {
        complete(id, with: .failure(CancellationError()))
    }

    /// Ends the receive `id` with `error` (its command could not be written).
    func fail(_ id: UInt64, with error: IDCardError) {
        complete(id, with: .failure(error))
    }

    /// Drops what arrived while nobody waited.
    func discardPending() {
        pending.removeAll()
    }

    // MARK: Channel events

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deliver(.response(unwrapInboundIn(data)))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IDCardCodecError {
            switch error {
            case .badChecksum:
                // A whole frame came, damaged: that was the answer.
                deliver(.malformed(error))
            case .badLength, .truncated:
                // Noise, or the rest of an older frame that never came: the answer may still follow; keep waiting.
                break
            }
        } else {
            end(.transport("serial port \(path) failed: \(error)"))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(.transport("serial port \(path) disconnected or closed: check the reader's cable and USB-serial adapter"))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        end(.transport("serial port \(path) was closed by kioskd"))
    }

    // MARK: Matching

    private func deliver(_ event: IDCardLinkEvent) {
        if let waiter {
            complete(waiter.id, with: .success(event))
        } else {
            pending.append(event)
        }
    }

    private func end(_ error: IDCardError) {
        if ended == nil { ended = error }
        if let waiter { complete(waiter.id, with: .failure(error)) }
    }

    private func complete(_ id: UInt64, with result: Result<IDCardLinkEvent, any Error>) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.deadline.cancel()
        waiter.promise.completeWith(result)
    }
}
