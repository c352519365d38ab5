import KioskDevices
import NIOCore

/// Answers decoded commands; with pacing, sends each answer no sooner than a real line at that baud would carry it
/// (the command's own bytes first, then the answer's, 10 bits a byte).
final class IDCardEmulatorHandler: ChannelInboundHandler {
    typealias InboundIn = IDCardCommand
    typealias OutboundOut = ByteBuffer

    /// Bytes written at a time when paced.
    static let pacedChunk = 32

    private let shared: IDCardEmulatorShared
    private let baud: Int?
    /// When the device-to-host direction of the modelled line is free again.
    private var lineFreeAt = NIODeadline.uptimeNanoseconds(0)

    init(shared: IDCardEmulatorShared, baud: Int?) {
        self.shared = shared
        self.baud = baud
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let arrived = NIODeadline.now()
        let command = unwrapInboundIn(data)
        let bytes = shared.device.withLock { device in device.respond(to: command).map { device.frame(for: $0) } }
        if let bytes { send(bytes, arrived: arrived, afterReceiving: command.frameSize, context: context) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let error = error as? IDCardCodecError else {
            context.close(promise: nil)
            return
        }
        let bytes = shared.device.withLock { device in device.respond(toMalformed: error).map { device.frame(for: $0) } }
        if let bytes { send(bytes, arrived: NIODeadline.now(), afterReceiving: 0, context: context) }
    }

    /// Sends `bytes` in answer to a frame of `commandBytes` that was decoded at `arrived` (paced: as the modelled line
    /// would carry them: the command's bytes first, then these, 10 bits a byte).
    private func send(_ bytes: [UInt8], arrived: NIODeadline, afterReceiving commandBytes: Int, context: ChannelHandlerContext) {
        shared.sent.add(bytes.count, ordering: .relaxed)
        guard let baud else {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
            return
        }
        func wire(_ count: Int) -> TimeAmount {
            .nanoseconds(Int64(count) * 10 * 1_000_000_000 / Int64(baud))
        }
        let channel = context.channel
        var at = max(arrived + wire(commandBytes), lineFreeAt)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + Self.pacedChunk, bytes.count)
            let chunk = channel.allocator.buffer(bytes: bytes[offset..<end])
            at = at + wire(end - offset)
            context.eventLoop.scheduleTask(deadline: at) { channel.writeAndFlush(chunk, promise: nil) }
            offset = end
        }
        lineFreeAt = at
    }
}
