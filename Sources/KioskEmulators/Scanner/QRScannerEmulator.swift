import Glibc
import KioskDevices
import NIOCore
import NIOPosix
import Synchronization

/// A serial QR scanner on the master side of a pseudo-terminal: kioskd opens the slave (or a link to it) as its serial
/// port, and each `scan(_:)` arrives there as the code followed by the terminator, as from a real scanner.
///
/// The emulator keeps a descriptor of the slave open (in raw mode, no echo) so that the pty outlives kioskd's opens
/// and closes; `close()` closes both sides and removes the link, as when the scanner is unplugged, and kioskd's reads
/// end with `.disconnected`.
public final class QRScannerEmulator: Sendable {
    /// How fast bytes go out. A pty moves bytes at once whatever the baud rate: pacing models wire time.
    public enum Pacing: Sendable, Equatable {
        /// Each code in one write.
        case immediate
        /// One byte at a time, this long apart.
        case perByte(Duration)

        /// One byte per character time at `baud` (10 bits: start, 8 data, stop).
        public static func wire(baud: Int) -> Pacing {
            .perByte(.nanoseconds(10 * 1_000_000_000 / Int64(max(1, baud))))
        }
    }

    /// The slave's device node, e.g. `/dev/pts/4`.
    public let slavePath: String
    /// The link that points at the slave, when one was asked for.
    public let linkPath: String?
    public let terminator: QRScannerTerminator
    public let pacing: Pacing

    private let master: any Channel
    /// The emulator's own descriptor of the slave, nil once closed.
    private let slave: Mutex<CInt?>

    private init(slavePath: String, linkPath: String?, terminator: QRScannerTerminator, pacing: Pacing, master: any Channel, slave: CInt) {
        self.slavePath = slavePath
        self.linkPath = linkPath
        self.terminator = terminator
        self.pacing = pacing
        self.master = master
        self.slave = Mutex(slave)
    }

    /// Makes the pseudo-terminal, and a symbolic link at `link` (replaced if present) pointing at its slave.
    public static func start(
        link: String? = nil,
        terminator: QRScannerTerminator = .crlf,
        pacing: Pacing = .immediate,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(QRScannerEmulatorError) -> QRScannerEmulator {
        var masterDescriptor: CInt = -1
        var slaveDescriptor: CInt = -1
        var name = [CChar](repeating: 0, count: 128)
        guard openpty(&masterDescriptor, &slaveDescriptor, &name, nil, nil) == 0 else {
            throw .pseudoTerminal(step: "openpty", errno: errno)
        }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func fail(_ error: QRScannerEmulatorError) -> QRScannerEmulatorError {
            _ = Glibc.close(masterDescriptor)
            _ = Glibc.close(slaveDescriptor)
            return error
        }
        _ = fcntl(masterDescriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slaveDescriptor, F_SETFD, FD_CLOEXEC)
        // Raw and without echo from the start, so that nothing written before kioskd configures the line is mangled.
        var attributes = termios()
        guard tcgetattr(slaveDescriptor, &attributes) == 0 else { throw fail(.pseudoTerminal(step: "tcgetattr", errno: errno)) }
        cfmakeraw(&attributes)
        guard tcsetattr(slaveDescriptor, TCSANOW, &attributes) == 0 else { throw fail(.pseudoTerminal(step: "tcsetattr", errno: errno)) }
        if let link {
            let temporary = link + ".tmp-\(getpid())"
            unlink(temporary)
            guard symlink(slavePath, temporary) == 0, rename(temporary, link) == 0 else {
                let code = errno
                unlink(temporary)
                throw fail(.link(path: link, errno: code))
            }
        }
        let master: any Channel
        do {
            master = try await NIOPipeBootstrap(group: group).takingOwnershipOfDescriptor(output: masterDescriptor).get()
        } catch {
            if let link { unlink(link) }
            throw fail(.pseudoTerminal(step: "taking the master into an event loop (\(error))", errno: 0))
        }
        return QRScannerEmulator(
            slavePath: slavePath, linkPath: link, terminator: terminator, pacing: pacing, master: master, slave: slaveDescriptor)
    }

    /// Sends `code` and the terminator, as a scan.
    public func scan(_ code: String) async throws(QRScannerEmulatorError) {
        try await send(Array(code.utf8) + terminator.bytes)
    }

    /// Sends bytes as they are (a stray line end, bytes that are not UTF-8, a code cut short).
    public func send(_ bytes: [UInt8]) async throws(QRScannerEmulatorError) {
        switch pacing {
        case .immediate:
            try await write(bytes)
        case .perByte(let gap):
            for byte in bytes {
                try await write([byte])
                try? await Task.sleep(for: gap)
            }
        }
    }

    /// Unplugs the scanner: closes both sides of the pseudo-terminal and removes the link if it still points here.
    public func close() async {
        try? await master.close()
        slave.withLock { descriptor in
            if let open = descriptor { _ = Glibc.close(open) }
            descriptor = nil
        }
        if let linkPath, Self.target(of: linkPath) == slavePath {
            unlink(linkPath)
        }
    }

    private func write(_ bytes: [UInt8]) async throws(QRScannerEmulatorError) {
        guard !bytes.isEmpty else { return }
        guard master.isActive else { throw .unplugged }
        do {
            try await master.writeAndFlush(master.allocator.buffer(bytes: bytes))
        } catch {
            throw master.isActive ? .writeFailed(reason: "\(error)") : .unplugged
        }
    }

    /// Where the symbolic link at `path` points, or nil when it is not one.
    private static func target(of path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
