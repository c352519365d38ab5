import Glibc
import Logging
import NIOCore

/// The handler at the tail of a serial channel: keeps the bytes that arrived and hands them to the reads waiting for them.
final class SerialReader: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// What a read waits for.
    enum Want: Sendable {
        /// Whatever has arrived, at least one byte.
        case some
        /// Exactly this many bytes.
        case count(Int)
        /// The bytes before the next terminator; the terminator is consumed.
        case line(terminator: [UInt8])
    }

    private struct Waiter {
        let id: UInt64
        let want: Want
        let promise: EventLoopPromise<[UInt8]>
        let deadline: Scheduled<Void>
    }

    /// The most bytes kept for reads that have not come yet; older bytes are dropped beyond it.
    static let maximumBufferedBytes = 1 << 20

    private let path: String
    private let logger: Logger
    private let onInactive: @Sendable () -> Void
    private var received = ByteBuffer()
    private var waiters: [Waiter] = []
    private var ended: SerialError?
    private var closingLocally = false

    init(path: String, logger: Logger, onInactive: @escaping @Sendable () -> Void) {
        self.path = path
        self.logger = logger
        self.onInactive = onInactive
    }

    // MARK: Reads, called on the channel's event loop

    /// Waits for `want`, failing with `SerialError.timeout` after `timeout`.
    func request(_ want: Want, id: UInt64, timeout: Duration, on eventLoop: any EventLoop) -> EventLoopFuture<[UInt8]> {
        if let bytes = take(want) {
            return eventLoop.makeSucceededFuture(bytes)
        }
        if let ended {
            return eventLoop.makeFailedFuture(ended)
        }
        let promise = eventLoop.makePromise(of: [UInt8].self)
        let deadline = eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) {
            self.finish(id, with: .failure(SerialError.timeout(path: self.path, after: timeout)))
        }
        waiters.append(Waiter(id: id, want: want, promise: promise, deadline: deadline))
        return promise.futureResult
    }

    /// Ends the read `id` (its task was cancelled); does nothing when it has already ended.
    func cancel(_ id: UInt64) {
        finish(id, with: .failure(CancellationError()))
    }

    /// Marks the coming close as kioskd's own, so that reads end with `.closed` rather than `.disconnected`.
    func closing() {
        closingLocally = true
    }

    /// Why reads end now, or nil while the port is open.
    var endReason: SerialError? {
        ended
    }

    // MARK: Channel events

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        let excess = received.readableBytes - Self.maximumBufferedBytes
        if excess > 0 {
            received.moveReaderIndex(forwardBy: excess)
            logger.debug("serial input nobody read was dropped", metadata: ["serial.dropped": "\(excess)"])
        }
        serve()
    }

    func channelInactive(context: ChannelHandlerContext) {
        onInactive()
        if closingLocally {
            end(with: .closed(path: path))
        } else {
            logger.info("serial port disconnected")
            end(with: .disconnected(path: path))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, error.errnoCode != EIO {
            logger.info("serial port failed", metadata: ["serial.error": "\(error)"])
            end(with: .ioFailure(path: path, reason: "\(error)"))
        }
        context.close(promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        end(with: .closed(path: path))
        // A driver took over the pipeline: the bytes no read took go on to its handlers.
        if context.channel.isActive && received.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(received))
            received.clear()
        }
    }

    // MARK: Matching bytes to reads

    private func serve() {
        while let first = waiters.first, let bytes = take(first.want) {
            waiters.removeFirst()
            first.deadline.cancel()
            first.promise.succeed(bytes)
        }
        if received.readableBytes == 0 {
            received.clear()
        } else if received.readerIndex >= 4096 {
            received.discardReadBytes()
        }
        guard let ended else { return }
        let failed = waiters
        waiters.removeAll()
        for waiter in failed {
            waiter.deadline.cancel()
            waiter.promise.fail(ended)
        }
    }

    private func end(with reason: SerialError) {
        if ended == nil { ended = reason }
        serve()
    }

    private func finish(_ id: UInt64, with result: Result<[UInt8], any Error>) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.deadline.cancel()
        waiter.promise.completeWith(result)
        // A later read may be satisfied now that this one no longer goes first.
        serve()
    }

    private func take(_ want: Want) -> [UInt8]? {
        switch want {
        case .some:
            guard received.readableBytes > 0 else { return nil }
            return received.readBytes(length: received.readableBytes)
        case .count(let count):
            guard received.readableBytes >= count else { return nil }
            return received.readBytes(length: count)
        case .line(let terminator):
            let view = received.readableBytesView
            guard let range = view.firstRange(of: terminator) else { return nil }
            let line = received.readBytes(length: view.distance(from: view.startIndex, to: range.lowerBound))
            received.moveReaderIndex(forwardBy: terminator.count)
            return line
        }
    }
}
