import Glibc
import NIOCore

/// The handler at the tail of a serial printer's pipeline, after `ESCPOSReplyDecoder`: keeps the
/// replies that arrived and hands them to the one read waiting for them.
final class ESCPOSReplyInbox: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = PrinterReply

    private struct Waiter {
        let id: UInt64
        let promise: EventLoopPromise<PrinterReply?>
        let deadline: Scheduled<Void>
    }

    /// The most replies kept for reads that have not come yet; older ones are dropped beyond it.
    static let maximumKept = 4096

    private let device: String
    private var arrived: [PrinterReply] = []
    private var waiter: Waiter?
    private var ended: PrinterError?
    private var closingLocally = false

    init(device: String) {
        self.device = device
    }

    // MARK: Reads, on the channel's event loop

    /// The next reply, or nil at `deadline`.
    func next(id: UInt64, until deadline: NIODeadline, on eventLoop: any EventLoop) -> EventLoopFuture<PrinterReply?> {
        if !arrived.isEmpty { return eventLoop.makeSucceededFuture(arrived.removeFirst()) }
        if let ended { return eventLoop.makeFailedFuture(ended) }
        precondition(waiter == nil, "one read at a time")
        let promise = eventLoop.makePromise(of: PrinterReply?.self)
        let scheduled = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.finish(id, with: .success(nil))
        }
        waiter = Waiter(id: id, promise: promise, deadline: scheduled)
        return promise.futureResult
    }

    /// Ends read `id` (its task was cancelled).
    func cancel(_ id: UInt64) {
        finish(id, with: .failure(PrinterError.cancelled))
    }

    func takeArrived() -> [PrinterReply] {
        defer { arrived.removeAll() }
        return arrived
    }

    /// Marks the coming close as kioskd's own.
    func closing() {
        closingLocally = true
    }

    /// Why the link ended, nil while it is up.
    var endReason: PrinterError? {
        ended
    }

    // MARK: Channel events

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let waiter {
            self.waiter = nil
            waiter.deadline.cancel()
            waiter.promise.succeed(reply)
            return
        }
        if arrived.count >= Self.maximumKept { arrived.removeFirst() }
        arrived.append(reply)
    }

    func channelInactive(context: ChannelHandlerContext) {
        end(closingLocally ? .unavailable(device: device, reason: "the port was closed by kioskd") : .disconnected(device: device))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? IOError, ![EIO, ENXIO, ENODEV].contains(error.errnoCode) {
            end(.unavailable(device: device, reason: "\(error)"))
        } else {
            end(.disconnected(device: device))
        }
        context.close(promise: nil)
    }

    private func end(_ reason: PrinterError) {
        if ended == nil { ended = reason }
        if let waiter {
            self.waiter = nil
            waiter.deadline.cancel()
            waiter.promise.fail(reason)
        }
    }

    private func finish(_ id: UInt64, with result: Result<PrinterReply?, any Error>) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.deadline.cancel()
        waiter.promise.completeWith(result)
    }
}
