import KioskDevices
import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

/// Frames from PROTOCOLS §1 and the qiwenming/IDCardDemo README, with checksums computed by the test's own XOR.
@Suite("ID card: frame codec")
struct IDCardCodecTests {
    typealias Support = IDCardTestSupport

    /// The "find card" response with a card: SW 00 00 9F and four zero bytes.
    static let cardFound = Support.frame([0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x00])
    /// The "select card" response: SW 00 00 90 and eight zero bytes.
    static let selected = Support.frame([0x00, 0x00, 0x90] + [UInt8](repeating: 0, count: 8))

    static func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

    // MARK: Literal frames

    @Test("the checksum is the XOR of every byte after the preamble: find card is AA AA AA 96 69 00 03 20 01 22")
    func findCardCommand() {
        #expect(Support.xor([0x00, 0x03, 0x20, 0x01]) == 0x22)
        var buffer = ByteBuffer()
        let written = buffer.writeIDCardCommand(.findCard)
        #expect(written == 10)
        #expect(Array(buffer.readableBytesView) == [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22])
    }

    @Test(
        "every command kioskd sends encodes as preamble, length 00 03, CMD, Para and the XOR checksum",
        arguments: [
            (IDCardCommand.resetSAM, [UInt8]([0x10, 0xFF])), (.samStatus, [0x11, 0xFF]), (.samID, [0x12, 0xFF]),
            (.findCard, [0x20, 0x01]), (.selectCard, [0x20, 0x02]), (.readTextAndPhoto, [0x30, 0x01]),
            (.readAppendedAddress, [0x30, 0x03]), (.readWithFingerprint, [0x30, 0x10]),
        ]
    )
    func commands(command: IDCardCommand, body: [UInt8]) {
        var buffer = ByteBuffer()
        buffer.writeIDCardCommand(command)
        #expect(Array(buffer.readableBytesView) == Support.frame(body))
    }

    @Test("select card and read commands match the IDCardDemo README: …20 02 21 and …30 01 32 and …30 10 23")
    func readmeCommands() {
        func encoded(_ command: IDCardCommand) -> [UInt8] {
            var buffer = ByteBuffer()
            buffer.writeIDCardCommand(command)
            return Array(buffer.readableBytesView.suffix(3))
        }
        #expect(encoded(.selectCard) == [0x20, 0x02, Support.xor([0x00, 0x03, 0x20, 0x02])])
        #expect(encoded(.readTextAndPhoto) == [0x30, 0x01, Support.xor([0x00, 0x03, 0x30, 0x01])])
        #expect(encoded(.readWithFingerprint) == [0x30, 0x10, Support.xor([0x00, 0x03, 0x30, 0x10])])
    }

    @Test("the find-card response AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97 decodes to 0x9F with four data bytes")
    func findCardResponse() throws {
        #expect(Self.cardFound == [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x08, 0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x00, 0x97])
        var buffer = Self.buffer(Self.cardFound)
        let response = try buffer.readIDCardResponse()
        #expect(response == IDCardResponse(status: .cardFound, data: [0, 0, 0, 0]))
        #expect(buffer.readableBytes == 0)
    }

    @Test("a 30 01 read response is 1295 bytes: length 05 08, SW 00 00 90, lengths 01 00 04 00, text @14, photo @270")
    func readResponseLayout() throws {
        let text = Support.textBlock()
        let photo = (0..<1024).map { UInt8(truncatingIfNeeded: $0 * 7) }
        let frame = Support.frame([0x00, 0x00, 0x90, 0x01, 0x00, 0x04, 0x00] + text + photo)
        #expect(frame.count == 1295)
        #expect(Array(frame[5..<14]) == [0x05, 0x08, 0x00, 0x00, 0x90, 0x01, 0x00, 0x04, 0x00])
        #expect(Array(frame[14..<270]) == text)
        #expect(Array(frame[270..<1294]) == photo)

        var buffer = Self.buffer(frame)
        let response = try #require(try buffer.readIDCardResponse())
        #expect(response.status == .success)
        #expect(response.frameSize == 1295)
        let payload = try IDCardReadPayload(data: response.data, withFingerprint: false)
        #expect(payload == IDCardReadPayload(text: text, photo: photo))
    }

    @Test("a 30 10 read carries a third length: 1024, 512 or 0 fingerprint bytes (2321, 1809 or 1297 in all)", arguments: [
        (UInt8(0x04), 1024, 2321), (0x02, 512, 1809), (0x00, 0, 1297),
    ])
    func fingerprintLayout(high: UInt8, fingerprintBytes: Int, total: Int) throws {
        let fingerprint = [UInt8](repeating: 0x5A, count: fingerprintBytes)
        let frame = Support.frame([0x00, 0x00, 0x90, 0x01, 0x00, 0x04, 0x00, high, 0x00] + Support.textBlock()
            + [UInt8](repeating: 1, count: 1024) + fingerprint)
        #expect(frame.count == total)
        var buffer = Self.buffer(frame)
        let response = try #require(try buffer.readIDCardResponse())
        let payload = try IDCardReadPayload(data: response.data, withFingerprint: true)
        #expect(payload.fingerprint == fingerprint)
        #expect(payload.photo.count == 1024)
    }

    @Test("block lengths that do not add up to the data are a typed error")
    func payloadMismatch() {
        let data: [UInt8] = [0x01, 0x00, 0x04, 0x00] + [UInt8](repeating: 0, count: 100)
        #expect(throws: IDCardDataError.blockLengthsMismatch(text: 256, photo: 1024, fingerprint: nil, dataBytes: 104)) {
            try IDCardReadPayload(data: data, withFingerprint: false)
        }
    }

    @Test("the SAM id's 16 bytes format as NN.NN-date-batch-serial")
    func samIdentifier() throws {
        let data: [UInt8] = [0x05, 0x00, 0x01, 0x00, 0xE5, 0xD6, 0x34, 0x01, 0x87, 0xD6, 0x12, 0x00, 0xB1, 0x68, 0xDE, 0x3A]
        #expect(try SAMIdentifier.format(data) == "05.01-20240101-0001234567-0987654321")
        #expect(SAMIdentifier.bytes(major: 5, minor: 1, date: 20_240_101, batch: 1_234_567, serial: 987_654_321) == data)
        #expect(throws: IDCardDataError.tooShort(what: "SAM id", expected: 16, received: 3)) { try SAMIdentifier.format([1, 2, 3]) }
    }

    @Test("an incomplete frame gives nil and consumes nothing")
    func needsMoreBytes() throws {
        for count in 0..<Self.selected.count {
            var buffer = Self.buffer(Array(Self.selected.prefix(count)))
            #expect(try buffer.readIDCardResponse() == nil)
        }
    }

    // MARK: Round trips

    @Test("commands and responses survive a write and a read", arguments: [
        IDCardResponse(status: .success), IDCardResponse(status: .findFailed),
        IDCardResponse(sw1: 0x01, sw2: 0x02, status: .unknown(0x77), data: [1, 2, 3]),
        IDCardResponse(status: .success, data: [UInt8](repeating: 0xAA, count: 1285)),
    ])
    func responseRoundTrip(response: IDCardResponse) throws {
        var buffer = ByteBuffer()
        let written = buffer.writeIDCardResponse(response)
        #expect(written == response.frameSize)
        #expect(try buffer.readIDCardResponse() == response)
        #expect(buffer.readableBytes == 0)
    }

    @Test("commands survive a write and a read")
    func commandRoundTrip() throws {
        for command in [IDCardCommand.findCard, .readWithFingerprint, IDCardCommand(code: 0x60, parameter: 0x01, data: [9, 8])] {
            var buffer = ByteBuffer()
            buffer.writeIDCardCommand(command)
            #expect(try buffer.readIDCardCommand() == command)
        }
    }

    @Test("SW3 bytes map to their statuses and back, unknown bytes included")
    func statuses() {
        let known: [UInt8] = [0x90, 0x9F, 0x91, 0x80, 0x81, 0x41, 0x10, 0x11, 0x21, 0x24, 0x31, 0x32, 0x33, 0x40, 0x47, 0x60, 0x66]
        for byte in UInt8.min...UInt8.max {
            let status = IDCardStatus(byte: byte)
            #expect(status.byte == byte)
            #expect((status == .unknown(byte)) == !known.contains(byte))
        }
        #expect(IDCardStatus(byte: 0x60).isSAMFault && IDCardStatus(byte: 0x66).isSAMFault)
        #expect(!IDCardStatus(byte: 0x41).isSAMFault)
        #expect("\(IDCardStatus.samSelfTestFailed)".hasPrefix("0x60 "))
    }

    // MARK: Malformed frames

    struct Malformed: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let error: IDCardCodecError?
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "bad checksum", bytes: Array(cardFound.dropLast()) + [0x98], error: .badChecksum(expected: 0x97, received: 0x98)),
        Malformed(name: "length below a response's minimum", bytes: [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x00, 0x00, 0x90], error: .badLength(3)),
        Malformed(name: "length beyond any frame", bytes: [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xFF, 0x00], error: .badLength(0xFFFF)),
        Malformed(name: "truncated short frame", bytes: Array(selected.prefix(10)), error: .truncated(declaredLength: 12, received: 3)),
        Malformed(
            name: "truncated read response",
            bytes: Array(Support.frame([0x00, 0x00, 0x90, 0x01, 0x00, 0x04, 0x00] + [UInt8](repeating: 0x20, count: 1280)).prefix(100)),
            error: .truncated(declaredLength: 1288, received: 93)
        ),
        Malformed(name: "garbage before the preamble", bytes: [0x00, 0x13, 0xFF, 0xAA, 0xAA, 0x96], error: nil),
    ]

    @Test("a malformed frame gives its typed error once, then the good frame after it decodes", arguments: malformed)
    func malformedThenGood(_ malformed: Malformed) throws {
        var buffer = Self.buffer(malformed.bytes + Self.cardFound)
        var errors: [IDCardCodecError] = []
        var responses: [IDCardResponse] = []
        while true {
            do {
                guard let response = try buffer.readIDCardResponse() else { break }
                responses.append(response)
            } catch {
                errors.append(error)
            }
        }
        #expect(errors == (malformed.error.map { [$0] } ?? []))
        #expect(responses == [IDCardResponse(status: .cardFound, data: [0, 0, 0, 0])])
        #expect(buffer.readableBytes == 0)
    }

    @Test("noise with no preamble is dropped, except a tail that may begin one")
    func noiseOnly() throws {
        var buffer = Self.buffer([0x01, 0x02, 0x03, 0xAA, 0xAA])
        #expect(try buffer.readIDCardResponse() == nil)
        #expect(Array(buffer.readableBytesView) == [0xAA, 0xAA])
        buffer.writeBytes(Self.cardFound.dropFirst(2))
        #expect(try buffer.readIDCardResponse()?.status == .cardFound)
    }

    // MARK: Pipeline

    @Test("responses drip-fed one byte at a time through the decoder come out whole, and the channel ends clean")
    func dripFeed() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(IDCardResponseDecoder()))
        for byte in Self.cardFound + [0x00, 0x42] + Self.selected {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        #expect(try channel.readInbound(as: IDCardResponse.self) == IDCardResponse(status: .cardFound, data: [0, 0, 0, 0]))
        #expect(try channel.readInbound(as: IDCardResponse.self) == IDCardResponse(status: .success, data: [UInt8](repeating: 0, count: 8)))
        #expect(try channel.readInbound(as: IDCardResponse.self) == nil)
        #expect(try channel.finish().isClean)
    }

    @Test("a damaged frame drip-fed through the decoder raises its error once and decoding goes on")
    func dripFeedDamaged() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(IDCardResponseDecoder()))
        var errors: [IDCardCodecError] = []
        for byte in Array(Self.cardFound.dropLast()) + [0x00] + Self.selected {
            do {
                try channel.writeInbound(ByteBuffer(bytes: [byte]))
            } catch let error as IDCardCodecError {
                errors.append(error)
            }
        }
        #expect(errors == [.badChecksum(expected: 0x97, received: 0x00)])
        #expect(try channel.readInbound(as: IDCardResponse.self)?.status == .success)
        #expect(try channel.finish().isClean)
    }

    @Test("ByteToMessageDecoderVerifier: responses decode the same fed whole, drip-fed and batched")
    func verifyResponseDecoder() throws {
        let read = IDCardResponse(status: .success, data: IDCardReadPayload(text: Support.textBlock(), photo: [UInt8](repeating: 0x33, count: 1024)).data)
        let responses = [
            IDCardResponse(status: .cardFound, data: [0, 0, 0, 0]), IDCardResponse(status: .findFailed),
            IDCardResponse(status: .samSelfTestFailed), read,
        ]
        let pairs = responses.map { response -> (ByteBuffer, [IDCardResponse]) in
            var buffer = ByteBuffer()
            buffer.writeIDCardResponse(response)
            return (buffer, [response])
        }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { IDCardResponseDecoder() }
    }

    @Test("ByteToMessageDecoderVerifier: commands decode the same fed whole, drip-fed and batched")
    func verifyCommandDecoder() throws {
        let pairs = [IDCardCommand.findCard, .selectCard, .readTextAndPhoto, .samID].map { command -> (ByteBuffer, [IDCardCommand]) in
            var buffer = ByteBuffer()
            buffer.writeIDCardCommand(command)
            return (buffer, [command])
        }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { IDCardCommandDecoder() }
    }

    @Test("the encoder writes a command as its frame")
    func encoder() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(IDCardCommandEncoder()))
        try channel.writeOutbound(IDCardCommand.findCard)
        let bytes = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(Array(bytes.readableBytesView) == [0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22])
        #expect(try channel.finish().isClean)
    }

    @Test("a response's description shows the status and the data size, never the data")
    func responseDescription() {
        let response = IDCardResponse(status: .success, data: Support.ucs2("张测试", 30))
        #expect(response.description == "SW 00 00 90 (0x90 success), 30 data bytes")
        #expect(!String(reflecting: response).contains("张"))
    }
}
