import KioskCore
import Logging
import Synchronization

/// A QR scanner in USB HID keyboard mode, read from its evdev node (see `QRKeystrokeDecoder`).
///
/// `events()` opens the node read-only, grabs it (EVIOCGRAB, unless the profile says `grab: false`) so the scanner's
/// typing never reaches the browser, and returns the codes as they are scanned, with rejected codes in between.
/// Unplugging the scanner ends the sequence with `QRScannerError.disconnected`; ending the iteration closes the node,
/// which releases the grab. The text of a code is never logged: only `ScannedCode.redacted`.
public final class HIDQRScanner: Sendable {
    /// The evdev node, `/dev/input/eventN` or a `/dev/input/by-id/…` link.
    public let path: String
    public let options: QRScannerOptions

    let logger: Logger
    /// Sequences reading the node now.
    private let readers = Atomic<Int>(0)

    public init(path: String, options: QRScannerOptions = .init(), logger: Logger) {
        self.path = path
        self.options = options
        var logger = logger
        logger[metadataKey: "qrscanner.path"] = "\(path)"
        self.logger = logger
    }

    /// A scanner at `path` as `profile` describes it (`grab`, `max_length`).
    public convenience init(path: String, profile: DeviceProfile, logger: Logger) throws(QRScannerError) {
        self.init(path: path, options: try QRScannerOptions(parameters: profile.parameters), logger: logger)
    }

    /// True while a sequence from `events()` or `codes()` is reading the node.
    public var isReading: Bool { readers.load(ordering: .relaxed) > 0 }

    /// Opens and grabs the node, and returns what the scanner types, until it is unplugged
    /// (`QRScannerError.disconnected`) or the consumer stops iterating.
    public func events() throws(QRScannerError) -> AsyncThrowingStream<QRScannerEvent, any Error> {
        let device = try QREvdevDevice.open(path)
        if options.grab {
            do {
                try device.grab()
            } catch {
                device.close()
                logger.info("QR scanner could not be grabbed", metadata: ["qrscanner.error": "\(error)"])
                throw error
            }
        }
        logger.info("QR scanner opened", metadata: ["qrscanner.grabbed": "\(options.grab)"])
        return events(reading: device)
    }

    /// What the scanner types on `device`, already opened (and grabbed, when wanted); the sequence owns it from now on.
    public func events(reading device: QREvdevDevice) -> AsyncThrowingStream<QRScannerEvent, any Error> {
        readers.add(1, ordering: .relaxed)
        let (stream, continuation) = AsyncThrowingStream<QRScannerEvent, any Error>.makeStream(
            bufferingPolicy: .bufferingNewest(32))
        let keys = device.events()
        let task = Task { [self] in
            let failure = await pump(keys, into: continuation)
            readers.subtract(1, ordering: .relaxed)
            continuation.finish(throwing: failure)
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The codes only; rejected codes are logged (without their characters) and skipped.
    public func codes() throws(QRScannerError) -> AsyncThrowingStream<ScannedCode, any Error> {
        let events = try events()
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

    /// Decodes key batches until the node ends; returns why (nil when the consumer stopped).
    private func pump(
        _ keys: AsyncThrowingStream<[QRInputEvent], any Error>,
        into continuation: AsyncThrowingStream<QRScannerEvent, any Error>.Continuation
    ) async -> QRScannerError? {
        var decoder = QRKeystrokeDecoder(maxLength: options.maxLength, partialCodeTimeout: options.partialCodeTimeout)
        do {
            for try await batch in keys {
                for event in decoder.decode(batch) {
                    report(event)
                    if case .terminated = continuation.yield(event) { return nil }
                }
            }
            return nil  // cancelled: the consumer stopped iterating
        } catch let error as QRScannerError {
            logger.info("QR scanner stopped", metadata: ["qrscanner.error": "\(error)"])
            return error
        } catch {
            return .ioFailure(path: path, reason: "\(error)")
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
