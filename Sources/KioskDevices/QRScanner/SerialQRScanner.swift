import KioskCore
import KioskTransport
import Logging
import Synchronization

/// A QR scanner in serial mode: each code arrives as one terminated line (see `QRLineDecoder`).
///
/// `events()` opens the port and returns the codes as they are scanned, with rejected codes in between; unplugging
/// the scanner ends the sequence with `QRScannerError.disconnected`. Ending the iteration (or cancelling its task)
/// closes the port. The text of a code is never logged: only `ScannedCode.redacted`.
public final class SerialQRScanner: Sendable {
    /// The serial line the scanner is on.
    public let port: SerialPort
    public let options: QRScannerOptions

    /// How long one read waits while no code is under way; reads simply start again after it.
    static let idleReadTimeout: Duration = .seconds(3600)

    let logger: Logger
    /// Sequences reading the port now.
    private let readers = Atomic<Int>(0)

    public init(port: SerialPort, options: QRScannerOptions = .init(), logger: Logger) {
        self.port = port
        self.options = options
        var logger = logger
        logger[metadataKey: "qrscanner.path"] = "\(port.path)"
        self.logger = logger
    }

    /// A scanner at `path` as `profile` describes it (line settings, `terminator`, `max_length`).
    public convenience init(path: String, profile: DeviceProfile, logger: Logger) throws(QRScannerError) {
        let options = try QRScannerOptions(parameters: profile.parameters)
        self.init(port: SerialPort(path: path, settings: profile.serial ?? .default), options: options, logger: logger)
    }

    /// True while a sequence from `events()` or `codes()` is reading the port.
    public var isReading: Bool { readers.load(ordering: .relaxed) > 0 }

    /// Opens the port and returns what the scanner reads, until it is unplugged (`QRScannerError.disconnected`) or the
    /// consumer stops iterating.
    public func events() async throws(QRScannerError) -> AsyncThrowingStream<QRScannerEvent, any Error> {
        let connection: SerialConnection
        do {
            connection = try await port.open(logger: logger)
        } catch {
            throw .serial(error)
        }
        readers.add(1, ordering: .relaxed)
        let (stream, continuation) = AsyncThrowingStream<QRScannerEvent, any Error>.makeStream(
            bufferingPolicy: .bufferingNewest(32))
        let task = Task { [self] in
            let failure = await pump(connection, into: continuation)
            await connection.close()
            readers.subtract(1, ordering: .relaxed)
            continuation.finish(throwing: failure)
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The codes only; rejected codes are logged (without their bytes) and skipped.
    public func codes() async throws(QRScannerError) -> AsyncThrowingStream<ScannedCode, any Error> {
        let events = try await events()
        let (stream, continuation) = AsyncThrowingStream<ScannedCode, any Error>.makeStream(bufferingPolicy: .bufferingNewest(32))
        let task = Task {
            do {
                for try await event in events {
                    if let code = event.code { continuation.yield(code) }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Reads and decodes until the port ends; returns why (nil when the consumer stopped or kioskd closed the port).
    private func pump(
        _ connection: SerialConnection,
        into continuation: AsyncThrowingStream<QRScannerEvent, any Error>.Continuation
    ) async -> QRScannerError? {
        var decoder = QRLineDecoder(terminator: options.terminator, maxLength: options.maxLength)
        while true {
            while let event = decoder.next() {
                report(event)
                if case .terminated = continuation.yield(event) { return nil }
            }
            let timeout = decoder.partialLength > 0 ? options.partialCodeTimeout : Self.idleReadTimeout
            do {
                decoder.append(try await connection.read(timeout: timeout))
            } catch SerialError.timeout {
                if let event = decoder.dropPartialCode(after: timeout) {
                    report(event)
                    if case .terminated = continuation.yield(event) { return nil }
                }
            } catch SerialError.disconnected {
                logger.info("QR scanner disconnected")
                return .disconnected(path: port.path)
            } catch SerialError.closed {
                return nil
            } catch let error as SerialError {
                logger.info("QR scanner read failed", metadata: ["qrscanner.error": "\(error)"])
                return .serial(error)
            } catch {
                return nil  // cancelled: the consumer stopped iterating
            }
        }
    }

    private func report(_ event: QRScannerEvent) {
        switch event {
        case .scanned(let code):
            logger.debug("QR code scanned", metadata: ["qrscanner.code": "\(code.redacted)"])
        case .rejected(let error):
            logger.info("QR code rejected", metadata: ["qrscanner.error": "\(error)"])
        }
    }
}
