import NIOCore

/// The data of a successful read (`30 01` or `30 10`): block lengths, then the text, photo and fingerprint blocks.
///
/// `30 01`: text length (2 bytes BE, 0x0100), photo length (0x0400), 256 text bytes, 1024 photo bytes.
/// `30 10`: adds a fingerprint length (0x0400, 0x0200 or 0) after the photo length and the fingerprint after the photo.
public struct IDCardReadPayload: Sendable, Equatable, Hashable {
    /// The text block (normally 256 bytes).
    public var text: [UInt8]
    /// The WLT photo (normally 1024 bytes).
    public var photo: [UInt8]
    /// The fingerprint block of a `30 10` read (1024, 512 or 0 bytes); nil for `30 01`.
    public var fingerprint: [UInt8]?

    public init(text: [UInt8], photo: [UInt8], fingerprint: [UInt8]? = nil) {
        self.text = text
        self.photo = photo
        self.fingerprint = fingerprint
    }

    /// Parses the data of a read response; `withFingerprint` says whether it answers `30 10`.
    public init(data: [UInt8], withFingerprint: Bool) throws(IDCardDataError) {
        var buffer = ByteBuffer(bytes: data)
        guard let payload = try buffer.readIDCardReadPayload(withFingerprint: withFingerprint) else {
            throw .tooShort(what: "read response", expected: withFingerprint ? 6 : 4, received: data.count)
        }
        self = payload
    }

    /// The data bytes of a response carrying this payload.
    public var data: [UInt8] {
        var buffer = ByteBuffer()
        buffer.writeIDCardReadPayload(self)
        return Array(buffer.readableBytesView)
    }
}

extension ByteBuffer {
    /// Reads a read payload filling the rest of the buffer: nil when the length fields are not all there.
    public mutating func readIDCardReadPayload(withFingerprint: Bool) throws(IDCardDataError) -> IDCardReadPayload? {
        let dataBytes = readableBytes
        var copy = self
        guard let textLength = copy.readInteger(endianness: .big, as: UInt16.self).map(Int.init),
              let photoLength = copy.readInteger(endianness: .big, as: UInt16.self).map(Int.init)
        else { return nil }
        var fingerprintLength: Int?
        if withFingerprint {
            guard let length = copy.readInteger(endianness: .big, as: UInt16.self) else { return nil }
            fingerprintLength = Int(length)
        }
        guard copy.readableBytes == textLength + photoLength + (fingerprintLength ?? 0) else {
            throw .blockLengthsMismatch(text: textLength, photo: photoLength, fingerprint: fingerprintLength, dataBytes: dataBytes)
        }
        let text = copy.readBytes(length: textLength) ?? []
        let photo = copy.readBytes(length: photoLength) ?? []
        let fingerprint = fingerprintLength.map { copy.readBytes(length: $0) ?? [] }
        self = copy
        return IDCardReadPayload(text: text, photo: photo, fingerprint: fingerprint)
    }

    /// Writes the lengths and blocks of `payload`; the fingerprint length is written when `payload.fingerprint` is set.
    @discardableResult
    public mutating func writeIDCardReadPayload(_ payload: IDCardReadPayload) -> Int {
        let start = writerIndex
        writeInteger(UInt16(truncatingIfNeeded: payload.text.count), endianness: .big)
        writeInteger(UInt16(truncatingIfNeeded: payload.photo.count), endianness: .big)
        if let fingerprint = payload.fingerprint {
            writeInteger(UInt16(truncatingIfNeeded: fingerprint.count), endianness: .big)
        }
        writeBytes(payload.text)
        writeBytes(payload.photo)
        if let fingerprint = payload.fingerprint { writeBytes(fingerprint) }
        return writerIndex - start
    }
}

extension IDCardReadPayload: CustomStringConvertible {
    /// Block sizes only: the blocks are personal data.
    public var description: String {
        "IDCardReadPayload(text \(text.count), photo \(photo.count)\(fingerprint.map { ", fingerprint \($0.count)" } ?? "") bytes)"
    }
}
