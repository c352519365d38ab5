/// Something that carries APDUs to a card and back: a PC/SC connection, or a fake in tests.
public protocol CardChannel: Sendable {
    /// Sends one command APDU's bytes and returns the response bytes, status word included.
    func transmit(_ command: [UInt8]) async throws -> [UInt8]
}
