import Glibc
import KioskCore
import Logging
import NIOCore
import NIOPosix

/// A serial line to open: a tty path or stable udev link (`/dev/serial/by-id/…`) and the framing to set on it.
public struct SerialPort: Sendable, Equatable {
    /// The path to open, kept as given so that a replugged device is found again by the same link.
    public var path: String
    /// The line settings applied when the port opens.
    public var settings: SerialSettings

    public init(path: String, settings: SerialSettings = .default) {
        self.path = path
        self.settings = settings
    }

    /// The device node `path` points at now, every link resolved (e.g. `/dev/ttyUSB0`).
    public func resolvedPath() throws(SerialError) -> String {
        try SerialDescriptor.resolve(path)
    }

    /// Opens the port exclusively, applies `settings` and hands the descriptor to a SwiftNIO channel on `group`.
    public func open(
        on group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) async throws(SerialError) -> SerialConnection {
        let devicePath = try resolvedPath()
        var logger = logger
        logger[metadataKey: "serial.path"] = "\(path)"
        logger[metadataKey: "serial.device"] = "\(devicePath)"

        let registry = SerialPortRegistry.shared
        guard let reservation = registry.reserve(devicePath) else {
            logger.info("serial port is already open in kioskd")
            throw .portBusy(path: path)
        }
        let descriptor: CInt
        do {
            descriptor = try SerialDescriptor.open(path, settings: settings)
        } catch {
            registry.release(reservation)
            logger.info("serial port did not open", metadata: ["serial.error": "\(error)"])
            throw error
        }

        let path = self.path
        let readerLogger = logger
        let bootstrap = NIOPipeBootstrap(group: group).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let reader = SerialReader(path: path, logger: readerLogger) { registry.release(reservation) }
                try channel.pipeline.syncOperations.addHandler(reader, name: SerialConnection.readerName)
            }
        }
        // The write side gets its own descriptor (close-on-exec, unlike the one NIO would make with dup).
        let output = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard output >= 0 else {
            let error = SerialError(errno: errno, path: path, doing: "duplicate the descriptor of")
            _ = Glibc.close(descriptor)
            registry.release(reservation)
            throw error
        }
        let channel: any Channel
        do {
            channel = try await bootstrap.takingOwnershipOfDescriptors(input: descriptor, output: output).get()
        } catch {
            // The bootstrap did not take the descriptors: they are still ours to close.
            _ = Glibc.close(output)
            _ = Glibc.close(descriptor)
            registry.release(reservation)
            throw .ioFailure(path: path, reason: "could not start reading it: \(error)")
        }
        channel.closeFuture.whenComplete { _ in registry.release(reservation) }

        let reader: NIOLoopBound<SerialReader>
        do {
            reader = try await channel.eventLoop.submit {
                NIOLoopBound(
                    try channel.pipeline.syncOperations.handler(type: SerialReader.self),
                    eventLoop: channel.eventLoop
                )
            }.get()
        } catch {
            try? await channel.close()
            throw .ioFailure(path: path, reason: "could not start reading it: \(error)")
        }
        logger.info("serial port opened", metadata: ["serial.settings": "\(settings)"])
        return SerialConnection(
            channel: channel,
            reader: reader,
            path: path,
            devicePath: devicePath,
            settings: settings,
            logger: logger
        )
    }
}
