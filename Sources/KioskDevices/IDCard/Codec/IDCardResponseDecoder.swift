import NIOCore

/// Frames the reader's byte stream into `IDCardResponse`s.
///
/// A malformed frame is reported with `fireErrorCaught(IDCardCodecError)` and decoding goes on with the next frame:
/// on a serial line a burst of noise must not end the conversation (a throwing decoder would stop for good).
public struct IDCardResponseDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = IDCardResponse

    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        do {
            guard let response = try buffer.readIDCardResponse() else { return .needMoreData }
            context.fireChannelRead(Self.wrapInboundOut(response))
        } catch {
            context.fireErrorCaught(error)
        }
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}
