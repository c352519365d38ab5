import NIOCore

/// Frames the host's byte stream into `IDCardCommand`s: the device side, for emulators. Malformed frames are
/// reported with `fireErrorCaught(IDCardCodecError)` (a module answers them with SW3 0x10 or 0x11) and decoding goes on.
public struct IDCardCommandDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = IDCardCommand

    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        do {
            guard let command = try buffer.readIDCardCommand() else { return .needMoreData }
            context.fireChannelRead(Self.wrapInboundOut(command))
        } catch {
            context.fireErrorCaught(error)
        }
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}
