import NIOCore

extension ByteBuffer {
    /// Reads the next response frame: nil when more bytes are needed.
    ///
    /// Bytes before a preamble are skipped. A frame that fails its checks is consumed (or, when a new frame began
    /// inside it, skipped up to that frame) and its error thrown: the next call resynchronises on the next frame.
    public mutating func readIDCardResponse() throws(IDCardCodecError) -> IDCardResponse? {
        guard var body = try readIDCardFrameBody(minimumLength: IDCardFrame.minimumResponseLength) else { return nil }
        // The body holds at least SW1 SW2 SW3: the minimum length guarantees it.
        let sw1 = body.readInteger(as: UInt8.self) ?? 0
        let sw2 = body.readInteger(as: UInt8.self) ?? 0
        let sw3 = body.readInteger(as: UInt8.self) ?? 0
        return IDCardResponse(sw1: sw1, sw2: sw2, status: IDCardStatus(byte: sw3), data: body.readBytes(length: body.readableBytes) ?? [])
    }

    /// Writes `response` as a frame; returns the bytes written.
    @discardableResult
    public mutating func writeIDCardResponse(_ response: IDCardResponse) -> Int {
        let start = writerIndex
        writeBytes(IDCardFrame.preamble)
        writeInteger(UInt16(truncatingIfNeeded: response.lengthField), endianness: .big)
        writeInteger(response.sw1)
        writeInteger(response.sw2)
        writeInteger(response.status.byte)
        writeBytes(response.data)
        writeIDCardChecksum(frameStart: start)
        return writerIndex - start
    }

    /// Reads the next command frame: nil when more bytes are needed; errors and resynchronisation as for responses.
    public mutating func readIDCardCommand() throws(IDCardCodecError) -> IDCardCommand? {
        guard var body = try readIDCardFrameBody(minimumLength: IDCardFrame.minimumCommandLength) else { return nil }
        let code = body.readInteger(as: UInt8.self) ?? 0
        let parameter = body.readInteger(as: UInt8.self) ?? 0
        return IDCardCommand(code: code, parameter: parameter, data: body.readBytes(length: body.readableBytes) ?? [])
    }

    /// Writes `command` as a frame; returns the bytes written.
    @discardableResult
    public mutating func writeIDCardCommand(_ command: IDCardCommand) -> Int {
        let start = writerIndex
        writeBytes(IDCardFrame.preamble)
        writeInteger(UInt16(truncatingIfNeeded: command.lengthField), endianness: .big)
        writeInteger(command.code)
        writeInteger(command.parameter)
        writeBytes(command.data)
        writeIDCardChecksum(frameStart: start)
        return writerIndex - start
    }

    // MARK: Framing

    private mutating func writeIDCardChecksum(frameStart: Int) {
        let afterPreamble = frameStart + IDCardFrame.preamble.count
        writeInteger(xorOfIDCardBytes(from: afterPreamble - readerIndex, count: writerIndex - afterPreamble))
    }

    /// XOR of `count` bytes from `offset` (relative to the reader index), read straight from storage.
    private func xorOfIDCardBytes(from offset: Int, count: Int) -> UInt8 {
        withUnsafeReadableBytes { bytes in
            var result: UInt8 = 0
            var index = offset
            let end = offset + count
            while index < end {
                result ^= bytes[index]
                index += 1
            }
            return result
        }
    }

    /// The body (bytes between the length field and the checksum) of the next well-formed frame.
    private mutating func readIDCardFrameBody(minimumLength: Int) throws(IDCardCodecError) -> ByteBuffer? {
        guard skipToIDCardPreamble() else { return nil }
        guard readableBytes >= IDCardFrame.headerSize else { return nil }
        let length = Int(getInteger(at: readerIndex + IDCardFrame.preamble.count, endianness: .big, as: UInt16.self) ?? 0)
        guard length >= minimumLength, length <= IDCardFrame.maximumLength else {
            // Not a frame after all: look for the next preamble after this one's first byte.
            moveReaderIndex(forwardBy: 1)
            throw .badLength(length)
        }
        let frameSize = IDCardFrame.frameSize(length: length)
        guard readableBytes >= frameSize else {
            // A frame cut short on the line would keep us waiting for bytes that never come: when a complete,
            // valid frame has begun inside the declared length, the one before it was truncated.
            if let inner = firstValidIDCardFrame(after: IDCardFrame.preamble.count, before: readableBytes, minimumLength: minimumLength) {
                moveReaderIndex(forwardBy: inner)
                throw .truncated(declaredLength: length, received: inner - IDCardFrame.headerSize)
            }
            return nil
        }
        let expected = xorOfIDCardBytes(from: IDCardFrame.preamble.count, count: frameSize - IDCardFrame.preamble.count - 1)
        let received = getInteger(at: readerIndex + frameSize - 1, as: UInt8.self) ?? 0
        guard expected == received else {
            if let inner = firstIDCardPreamble(from: IDCardFrame.preamble.count, to: frameSize) {
                moveReaderIndex(forwardBy: inner)
                throw .truncated(declaredLength: length, received: inner - IDCardFrame.headerSize)
            }
            moveReaderIndex(forwardBy: frameSize)
            throw .badChecksum(expected: expected, received: received)
        }
        let body = getSlice(at: readerIndex + IDCardFrame.headerSize, length: length - IDCardFrame.checksumSize)
        moveReaderIndex(forwardBy: frameSize)
        return body
    }

    /// Moves the reader index to the next preamble; false (keeping only a tail that may begin one) when there is none.
    private mutating func skipToIDCardPreamble() -> Bool {
        if let offset = firstIDCardPreamble(from: 0, to: readableBytes) {
            moveReaderIndex(forwardBy: offset)
            return true
        }
        let preamble = IDCardFrame.preamble
        let view = readableBytesView
        var keep = Swift.min(preamble.count - 1, view.count)
        while keep > 0 && !view.suffix(keep).elementsEqual(preamble.prefix(keep)) { keep -= 1 }
        moveReaderIndex(forwardBy: readableBytes - keep)
        return false
    }

    /// The offset (from the reader index) of the first preamble that starts in `from..<to`.
    private func firstIDCardPreamble(from start: Int, to end: Int) -> Int? {
        withUnsafeReadableBytes { bytes -> Int? in
            // 96 69 ends every preamble and is rarer in data than AA: look for it, then check the three bytes before.
            let last = Swift.min(end + 3, bytes.count - 1)
            var index = start + 4
            while index <= last {
                if bytes[index] == 0x69, bytes[index - 1] == 0x96, bytes[index - 2] == 0xAA, bytes[index - 3] == 0xAA,
                   bytes[index - 4] == 0xAA {
                    return index - 4
                }
                index += 1
            }
            return nil
        }
    }

    /// The offset of the first preamble in `from..<before` that starts a complete frame with a good checksum.
    private func firstValidIDCardFrame(after start: Int, before end: Int, minimumLength: Int) -> Int? {
        var offset = start
        while let candidate = firstIDCardPreamble(from: offset, to: end) {
            if isValidIDCardFrame(at: candidate, minimumLength: minimumLength) { return candidate }
            offset = candidate + 1
        }
        return nil
    }

    private func isValidIDCardFrame(at offset: Int, minimumLength: Int) -> Bool {
        let start = readerIndex + offset
        guard let length = getInteger(at: start + IDCardFrame.preamble.count, endianness: .big, as: UInt16.self).map(Int.init),
              length >= minimumLength, length <= IDCardFrame.maximumLength,
              offset + IDCardFrame.frameSize(length: length) <= readableBytes,
              let checksum = getInteger(at: start + IDCardFrame.headerSize + length - 1, as: UInt8.self)
        else { return false }
        return xorOfIDCardBytes(from: offset + IDCardFrame.preamble.count, count: 2 + length - 1) == checksum
    }
}
