import KioskTransport
import NIOCore
import Synchronization

/// An ID-card reader whose module speaks GA 467 over USB bulk endpoints: whole command frames to the OUT endpoint,
/// response bytes from the IN endpoint framed by the same codec.
///
/// (unverified) PROTOCOLS.md notes modules that split header and body over two OUT endpoints (0x02, 0x06) and answer
/// on two IN endpoints (0x81, 0x85); this link uses the one pair the profile names and has not met a real module.
final class IDCardUSBLink: IDCardLink {
    /// Bytes asked for per bulk IN transfer: a multiple of every bulk packet size, larger than any frame.
    static let transferSize = 4096

    private let handle: USBDeviceHandle
    private let endpointOut: UInt8
    private let endpointIn: UInt8
    private let received = Mutex(ByteBuffer())

    init(handle: USBDeviceHandle, endpointOut: UInt8, endpointIn: UInt8) {
        self.handle = handle
        self.endpointOut = endpointOut
        self.endpointIn = endpointIn
    }

    func exchange(_ command: IDCardCommand, timeout: Duration) async throws(IDCardError) -> IDCardLinkEvent {
        received.withLock { $0.clear() }
        try await send(command)
        return try await receive(timeout: timeout)
    }

    private func send(_ command: IDCardCommand) async throws(IDCardError) {
        var frame = ByteBuffer()
        frame.writeIDCardCommand(command)
        do {
            _ = try await handle.bulkOut(endpoint: endpointOut, data: Array(frame.readableBytesView), timeout: .seconds(1))
        } catch {
            throw Self.error(error)
        }
    }

    private func receive(timeout: Duration) async throws(IDCardError) -> IDCardLinkEvent {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let decoded = received.withLock { buffer -> Result<IDCardResponse?, IDCardCodecError> in
                do throws(IDCardCodecError) {
                    return .success(try buffer.readIDCardResponse())
                } catch {
                    return .failure(error)
                }
            }
            switch decoded {
            case .success(.some(let response)): return .response(response)
            case .failure(.badChecksum(let expected, let received)): return .malformed(.badChecksum(expected: expected, received: received))
            case .failure(.badLength), .failure(.truncated): continue  // noise or an older frame's remains: the answer may follow
            case .success(.none): break
            }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return .timedOut }
            do {
                let bytes = try await handle.bulkIn(endpoint: endpointIn, maxLength: Self.transferSize, timeout: remaining)
                received.withLock { buffer in _ = buffer.writeBytes(bytes) }
            } catch {
                if case .timeout = error { return .timedOut }
                throw Self.error(error)
            }
        }
    }

    func close() async {
        handle.close()
    }

    private static func error(_ error: USBError) -> IDCardError {
        if case .cancelled = error { return .cancelled }
        return .transport("\(error)")
    }
}
