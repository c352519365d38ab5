import NIOCore

/// The far end of a scripted serial device, after ModemManager's test-port-context: each command line it receives
/// (ending in CR LF) is looked up in a table and answered with its reply; an unknown command gets `ERROR\r\n`.
final class SerialScriptResponder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private static let terminator: [UInt8] = [0x0D, 0x0A]

    private let rules: [[UInt8]: [UInt8]]
    private var pending: [UInt8] = []
    /// Command lines the script had no reply for.
    private(set) var unknown: [String] = []

    /// `rules` map a command line, terminator included, to its reply.
    init(rules: [[UInt8]: [UInt8]]) {
        self.rules = rules
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        while let end = pending.firstRange(of: Self.terminator)?.upperBound {
            let command = Array(pending[..<end])
            pending.removeFirst(end)
            let reply: [UInt8]
            if let known = rules[command] {
                reply = known
            } else {
                unknown.append(String(decoding: command, as: UTF8.self))
                reply = Array("ERROR\r\n".utf8)
            }
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply)), promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
