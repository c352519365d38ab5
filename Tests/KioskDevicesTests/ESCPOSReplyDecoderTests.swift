import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing
@testable import KioskDevices

/// The reply stream decoder, fed through an `EmbeddedChannel`.
@Suite("ESC/POS reply decoder")
struct ESCPOSReplyDecoderTests {
    @Test("status bytes, an automatic status block and a paper sensor reply, one byte at a time")
    func dripFeed() throws {
        // Given
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(ESCPOSReplyDecoder()))
        let bytes: [UInt8] = [0x12, 0x38, 0x00, 0x03, 0x00, 0x1E, 0x00, 0x11]

        // When
        for byte in bytes {
            try channel.writeInbound(channel.allocator.buffer(bytes: [byte]))
        }

        // Then
        #expect(try channel.readInbound(as: PrinterReply.self) == .realTimeStatus(0x12))
        #expect(try channel.readInbound(as: PrinterReply.self) == .automaticStatus(AutomaticStatusBlock(0x38, 0x00, 0x03, 0x00)))
        #expect(try channel.readInbound(as: PrinterReply.self) == .realTimeStatus(0x1E))
        #expect(try channel.readInbound(as: PrinterReply.self) == .paperSensor(0x00))
        #expect(try channel.readInbound(as: PrinterReply.self) == .unrecognised(0x11))
        #expect(try channel.readInbound(as: PrinterReply.self) == nil)
        #expect(try channel.finish().isClean)
    }

    @Test("an automatic status block waits for its fourth byte")
    func partialBlock() throws {
        // Given
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(ESCPOSReplyDecoder()))

        // When
        try channel.writeInbound(channel.allocator.buffer(bytes: [0x10, 0x00, 0x00]))

        // Then
        #expect(try channel.readInbound(as: PrinterReply.self) == nil)
        try channel.writeInbound(channel.allocator.buffer(bytes: [0x00]))
        #expect(try channel.readInbound(as: PrinterReply.self) == .automaticStatus(AutomaticStatusBlock(0x10, 0x00, 0x00, 0x00)))
        #expect(try channel.finish().isClean)
    }

    @Test("a header byte followed by a status byte is not a block: the status byte is not swallowed")
    func notFooled() throws {
        // Given
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(ESCPOSReplyDecoder()))

        // When
        try channel.writeInbound(channel.allocator.buffer(bytes: [0x10, 0x00, 0x12]))

        // Then
        #expect(try channel.readInbound(as: PrinterReply.self) == .unrecognised(0x10))
        #expect(try channel.readInbound(as: PrinterReply.self) == .paperSensor(0x00))
        #expect(try channel.readInbound(as: PrinterReply.self) == .realTimeStatus(0x12))
        #expect(try channel.finish().isClean)
    }

    @Test("a block cut short by the end of the stream is given up byte by byte")
    func endOfStream() throws {
        // Given
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(ESCPOSReplyDecoder()))
        try channel.writeInbound(channel.allocator.buffer(bytes: [0x18, 0x08]))

        // When
        let state = try channel.finish()

        // Then
        guard case .leftOvers(let inbound, _, _) = state else {
            Issue.record("expected the two bytes as replies")
            return
        }
        #expect(inbound.count == 2)
    }

    @Test("the decoder passes NIO's verifier: single, drip-fed, batched and shuffled input")
    func verifier() throws {
        let pairs: [([UInt8], [PrinterReply])] = [
            ([0x12], [.realTimeStatus(0x12)]),
            ([0x7E], [.realTimeStatus(0x7E)]),
            ([0x18, 0x08, 0x0F, 0x00], [.automaticStatus(AutomaticStatusBlock(0x18, 0x08, 0x0F, 0x00))]),
            ([0x03], [.paperSensor(0x03)]),
            ([0x13], [.unrecognised(0x13)]),
            ([0x12, 0x12, 0x12, 0x1E], [.realTimeStatus(0x12), .realTimeStatus(0x12), .realTimeStatus(0x12), .realTimeStatus(0x1E)]),
        ]
        let allocator = ByteBufferAllocator()
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: pairs.map { (allocator.buffer(bytes: $0.0), $0.1) },
            decoderFactory: { ESCPOSReplyDecoder() })
    }

    @Test("ByteBuffer writes a reply as the printer sends it, and reads it back")
    func roundTrip() {
        var buffer = ByteBufferAllocator().buffer(capacity: 8)
        buffer.writePrinterReply(.automaticStatus(AutomaticStatusBlock(0x10, 0x00, 0x03, 0x00)))
        buffer.writePrinterReply(.realTimeStatus(0x16))
        #expect(buffer.readPrinterReply() == .automaticStatus(AutomaticStatusBlock(0x10, 0x00, 0x03, 0x00)))
        #expect(buffer.readPrinterReply() == .realTimeStatus(0x16))
        #expect(buffer.readPrinterReply() == nil)
    }
}
