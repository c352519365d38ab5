/// One response APDU: data and the status word that ends it.
public struct ResponseAPDU: Sendable, Equatable {
    public var data: [UInt8]
    public var status: StatusWord

    public init(data: [UInt8], status: StatusWord) {
        self.data = data
        self.status = status
    }

    /// Splits raw response bytes; fewer than two bytes is not a response.
    public init(bytes: [UInt8]) throws(SocialSecurityCodecError) {
        guard bytes.count >= 2 else { throw .responseTooShort(count: bytes.count) }
        data = Array(bytes.dropLast(2))
        status = StatusWord(sw1: bytes[bytes.count - 2], sw2: bytes[bytes.count - 1])
    }
}
