import NIOCore

/// Splits a receipt printer's reply stream into `PrinterReply` values.
public struct ESCPOSReplyDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = PrinterReply

    public init() {}

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let reply = buffer.readPrinterReply() else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // An automatic status block cut short by the end of the stream.
        while let byte = buffer.readInteger(as: UInt8.self) {
            context.fireChannelRead(wrapInboundOut(PrinterReply.unrecognised(byte)))
        }
        return .needMoreData
    }
}
