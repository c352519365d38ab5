import NIOCore

/// Counts the bytes that arrive from the host, before they are decoded.
final class IDCardEmulatorByteCounter: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let shared: IDCardEmulatorShared

    init(shared: IDCardEmulatorShared) {
        self.shared = shared
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        shared.received.add(unwrapInboundIn(data).readableBytes, ordering: .relaxed)
        context.fireChannelRead(data)
    }
}
