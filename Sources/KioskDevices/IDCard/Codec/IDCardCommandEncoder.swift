import NIOCore

/// Writes `IDCardCommand`s as frames.
public struct IDCardCommandEncoder: MessageToByteEncoder, Sendable {
    public typealias OutboundIn = IDCardCommand

    public init() {}

    public func encode(data: IDCardCommand, out: inout ByteBuffer) throws {
        out.writeIDCardCommand(data)
    }
}
