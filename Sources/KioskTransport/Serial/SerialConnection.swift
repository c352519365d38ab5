import Glibc
import KioskCore
import Logging
import NIOCore
import Synchronization

/// An open serial port: async reads and writes of bytes, and the SwiftNIO channel underneath for pipeline use.
///
/// Reads throw `SerialError` (`.timeout`, `.disconnected`, `.closed`…) or `CancellationError` when their task is cancelled.
/// Bytes that arrive while no read waits are kept for the next read. A driver that decodes in the pipeline adds its
/// handlers to `channel` at `.last`, then removes the reader (`readerName`): the bytes it held go on to them, and the
/// byte reads of this connection end with `SerialError.closed`.
public final class SerialConnection: Sendable {
    /// The underlying channel; closing it closes the port.
    public let channel: any Channel
    /// The path the port was opened by (possibly a stable link).
    public let path: String
    /// The device node the path pointed at when the port was opened.
    public let devicePath: String
    /// The line settings in force.
    public let settings: SerialSettings

    /// The name of the connection's reader in the channel pipeline.
    public static let readerName = "kioskd.serial.reader"

    private let reader: NIOLoopBound<SerialReader>
    private let logger: Logger
    private let nextRequest = Atomic<UInt64>(0)
    private let closedLocally = Atomic<Bool>(false)

    init(
        channel: any Channel,
        reader: NIOLoopBound<SerialReader>,
        path: String,
        devicePath: String,
        settings: SerialSettings,
        logger: Logger
    ) {
        self.channel = channel
        self.reader = reader
        self.path = path
        self.devicePath = devicePath
        self.settings = settings
        self.logger = logger
    }

    deinit {
        channel.close(promise: nil)
    }

    /// Sends `bytes`, returning once the tty driver took them.
    public func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes))
        } catch {
            throw await serialError(for: error)
        }
    }

    /// The bytes available next, at least one, waiting up to `timeout` for the first.
    public func read(timeout: Duration) async throws -> [UInt8] {
        try await receive(.some, timeout: timeout)
    }

    /// Exactly `count` bytes, waiting up to `timeout` for all of them.
    public func read(count: Int, timeout: Duration) async throws -> [UInt8] {
        guard count > 0 else { return [] }
        return try await receive(.count(count), timeout: timeout)
    }

    /// The bytes before the next `terminator` (which is consumed, not returned), waiting up to `timeout` for it.
    public func readLine(terminator: [UInt8] = [0x0D, 0x0A], timeout: Duration) async throws -> [UInt8] {
        guard !terminator.isEmpty else { return try await read(timeout: timeout) }
        return try await receive(.line(terminator: terminator), timeout: timeout)
    }

    /// Closes the port and releases it for the next open; pending reads end with `SerialError.closed`.
    public func close() async {
        if !closedLocally.exchange(true, ordering: .relaxed) {
            let reader = self.reader
            try? await reader.eventLoop.submit { reader.value.closing() }.get()
            try? await channel.close()
            logger.debug("serial port closed")
        }
        try? await channel.closeFuture.get()
    }

    private func receive(_ want: SerialReader.Want, timeout: Duration) async throws -> [UInt8] {
        try Task.checkCancellation()
        let id = nextRequest.add(1, ordering: .relaxed).newValue
        let reader = self.reader
        // Queued before the cancellation handler exists, so a cancellation always finds the request queued.
        let result = reader.eventLoop.flatSubmit {
            reader.value.request(want, id: id, timeout: timeout, on: reader.eventLoop)
        }
        return try await withTaskCancellationHandler {
            try await result.get()
        } onCancel: {
            reader.eventLoop.execute { reader.value.cancel(id) }
        }
    }

    /// The `SerialError` that a failed channel operation stands for.
    private func serialError(for error: any Error) async -> any Error {
        if error is SerialError || error is CancellationError { return error }
        let reader = self.reader
        if let reason = try? await reader.eventLoop.submit({ reader.value.endReason }).get() {
            return reason
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case EIO, ENXIO, ENODEV:
                return SerialError.disconnected(path: path)
            default:
                return SerialError.ioFailure(path: path, reason: "\(error)")
            }
        }
        if closedLocally.load(ordering: .relaxed) {
            return SerialError.closed(path: path)
        }
        if let error = error as? ChannelError, error == .ioOnClosedChannel || error == .alreadyClosed || error == .eof {
            return SerialError.disconnected(path: path)
        }
        return SerialError.ioFailure(path: path, reason: "\(error)")
    }
}
