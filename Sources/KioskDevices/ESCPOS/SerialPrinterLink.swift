import Glibc
import KioskCore
import KioskTransport
import Logging
import NIOCore
import Synchronization

/// A receipt printer on a serial line: the port's SwiftNIO channel with `ESCPOSReplyDecoder` and
/// `ESCPOSReplyInbox` in place of the connection's byte reader.
public final class SerialPrinterLink: ESCPOSLink {
    public let device: String
    public var answers: Bool { true }
    private let connection: SerialConnection
    private let inbox: NIOLoopBound<ESCPOSReplyInbox>
    private let nextRead = Atomic<UInt64>(0)
    private let closed = Atomic<Bool>(false)

    private init(connection: SerialConnection, inbox: NIOLoopBound<ESCPOSReplyInbox>, device: String) {
        self.connection = connection
        self.inbox = inbox
        self.device = device
    }

    /// Opens `port` and puts the reply decoder in its pipeline.
    public static func open(_ port: SerialPort, logger: Logger) async throws(PrinterError) -> SerialPrinterLink {
        let device = "on serial port \(port.path)"
        let connection: SerialConnection
        do {
            connection = try await port.open(logger: logger)
        } catch {
            throw PrinterError(error, device: device)
        }
        let channel = connection.channel
        do {
            let inbox = try await channel.eventLoop.submit {
                let inbox = ESCPOSReplyInbox(device: device)
                let operations = channel.pipeline.syncOperations
                try operations.addHandler(ByteToMessageHandler(ESCPOSReplyDecoder()), position: .last)
                try operations.addHandler(inbox, position: .last)
                return NIOLoopBound(inbox, eventLoop: channel.eventLoop)
            }.get()
            // Bytes the reader held go on to the decoder when it leaves.
            try await channel.pipeline.removeHandler(name: SerialConnection.readerName).get()
            return SerialPrinterLink(connection: connection, inbox: inbox, device: device)
        } catch {
            await connection.close()
            throw .unavailable(device: device, reason: "could not set up the reply decoder: \(error)")
        }
    }

    public func wireTime(forBytes count: Int) -> Duration {
        let settings = connection.settings
        let bitsPerByte = 1 + settings.dataBits + (settings.parity == .none ? 0 : 1) + settings.stopBits
        return .nanoseconds(Int64(count) * Int64(bitsPerByte) * 1_000_000_000 / Int64(max(settings.baud, 1)))
    }

    public func send(_ bytes: [UInt8]) async throws(PrinterError) {
        guard !bytes.isEmpty else { return }
        let channel = connection.channel
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
        } catch {
            throw await failure(error)
        }
    }

    public func receive(until deadline: ContinuousClock.Instant) async throws(PrinterError) -> PrinterReply? {
        if Task.isCancelled { throw .cancelled }
        let id = nextRead.add(1, ordering: .relaxed).newValue
        let inbox = self.inbox
        let remaining = ContinuousClock.now.duration(to: deadline)
        let nioDeadline = NIODeadline.now() + TimeAmount(max(remaining, .zero))
        let future = inbox.eventLoop.flatSubmit {
            inbox.value.next(id: id, until: nioDeadline, on: inbox.eventLoop)
        }
        do {
            return try await withTaskCancellationHandler {
                try await future.get()
            } onCancel: {
                inbox.eventLoop.execute { inbox.value.cancel(id) }
            }
        } catch let error as PrinterError {
            throw error
        } catch {
            throw await failure(error)
        }
    }

    public func takeArrived() async -> [PrinterReply] {
        let inbox = self.inbox
        return (try? await inbox.eventLoop.submit { inbox.value.takeArrived() }.get()) ?? []
    }

    public func portStatus() async throws(PrinterError) -> PrinterPortStatus? {
        nil
    }

    public func close() async {
        if !closed.exchange(true, ordering: .relaxed) {
            let inbox = self.inbox
            try? await inbox.eventLoop.submit { inbox.value.closing() }.get()
        }
        await connection.close()
    }

    /// The `PrinterError` a failed channel operation stands for.
    private func failure(_ error: any Error) async -> PrinterError {
        if error is CancellationError { return .cancelled }
        let inbox = self.inbox
        if let reason = try? await inbox.eventLoop.submit({ inbox.value.endReason }).get() { return reason }
        if closed.load(ordering: .relaxed) { return .unavailable(device: device, reason: "the port was closed by kioskd") }
        if let error = error as? IOError, [EIO, ENXIO, ENODEV].contains(error.errnoCode) { return .disconnected(device: device) }
        if let error = error as? ChannelError, error == .ioOnClosedChannel || error == .alreadyClosed || error == .eof {
            return .disconnected(device: device)
        }
        return .unavailable(device: device, reason: "\(error)")
    }
}

extension PrinterError {
    /// The printer error a serial port error stands for.
    init(_ error: SerialError, device: String) {
        switch error {
        case .notFound, .disconnected:
            self = .disconnected(device: device)
        case .timeout(_, let after):
            self = .noAnswer(device: device, after: after)
        case .permissionDenied, .portBusy, .notATerminal, .unsupportedSettings, .closed, .ioFailure:
            self = .unavailable(device: device, reason: error.description)
        }
    }
}
