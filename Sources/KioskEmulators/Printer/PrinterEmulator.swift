import Glibc
import KioskDevices
import NIOCore
import NIOPosix
import Synchronization

/// An ESC/POS receipt printer on the master side of a pseudo-terminal, with a symbolic link to the
/// slave at `linkPath` for kioskd (or any program) to open as the printer's serial port.
///
/// It answers `DLE EOT n` with its condition, sends automatic status back when the host enables it,
/// records what it prints, and with `paced` takes bytes no faster than a serial wire at `baud`
/// (10 bits a byte). It keeps a descriptor of the slave open so that the host may close and reopen
/// the port; `stop()` closes both sides, which the host sees as the printer being unplugged.
public final class PrinterEmulator: Sendable {
    /// The link to the slave.
    public let linkPath: String
    /// The slave's device node, e.g. `/dev/pts/3`.
    public let slavePath: String
    private let channel: any Channel
    private let handler: NIOLoopBound<PrinterEmulatorHandler>
    private let slave: CInt
    private let stopped = Atomic<Bool>(false)

    private init(linkPath: String, slavePath: String, channel: any Channel, handler: NIOLoopBound<PrinterEmulatorHandler>, slave: CInt) {
        self.linkPath = linkPath
        self.slavePath = slavePath
        self.channel = channel
        self.handler = handler
        self.slave = slave
    }

    /// Opens a pseudo-terminal, links `linkPath` to its slave and starts answering.
    ///
    /// - Parameters:
    ///   - paced: take the host's bytes at the wire speed of `baud` rather than at once.
    ///   - observer: called with each transcript entry as it is printed (on the emulator's event loop).
    public static func start(
        linkPath: String, paced: Bool = false, baud: Int = 115_200,
        observer: (@Sendable (PrinterTranscript.Entry) -> Void)? = nil
    ) async throws(PrinterEmulatorError) -> PrinterEmulator {
        var master: CInt = -1
        var slave: CInt = -1
        var name = [CChar](repeating: 0, count: 128)
        var raw = termios()
        cfmakeraw(&raw)
        guard openpty(&master, &slave, &name, &raw, nil) == 0 else { throw .noPseudoTerminal(errno: errno) }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

        do {
            try link(linkPath, to: slavePath)
        } catch {
            _ = Glibc.close(master)
            _ = Glibc.close(slave)
            throw error
        }
        let output = fcntl(master, F_DUPFD_CLOEXEC, 0)
        let bootstrap = NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(PrinterEmulatorHandler(baud: paced ? baud : nil, observer: observer))
            }
        }
        do {
            let channel = try await bootstrap.takingOwnershipOfDescriptors(input: master, output: output).get()
            let handler = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: PrinterEmulatorHandler.self), eventLoop: channel.eventLoop)
            }.get()
            return PrinterEmulator(linkPath: linkPath, slavePath: slavePath, channel: channel, handler: handler, slave: slave)
        } catch {
            _ = Glibc.close(output)
            _ = Glibc.close(master)
            _ = Glibc.close(slave)
            _ = unlink(linkPath)
            throw .channelFailed("\(error)")
        }
    }

    /// Points `linkPath` at `target`, replacing an old link but nothing else.
    private static func link(_ linkPath: String, to target: String) throws(PrinterEmulatorError) {
        var information = stat()
        if lstat(linkPath, &information) == 0 {
            guard information.st_mode & S_IFMT == S_IFLNK else { throw .linkPathTaken(linkPath) }
            _ = unlink(linkPath)
        }
        guard symlink(target, linkPath) == 0 else { throw .cannotLink(linkPath, errno: errno) }
    }

    /// A change to the printer's condition.
    public enum Change: Sendable, Equatable {
        case paper(PrinterCondition.Paper)
        case coverOpen(Bool)
        case offline(Bool)
        case cutterError(Bool)
        /// The paper runs out after this many more printed lines.
        case paperRunsOut(afterLines: Int)
    }

    /// Changes the condition (automatic status back follows when the host enabled it; data that
    /// waited for paper or a closed cover is printed when the printer can print again).
    public func set(_ change: Change) async {
        await update { condition in
            switch change {
            case .paper(let paper):
                condition.paper = paper
                condition.paperRunsOutAfterLines = nil
            case .coverOpen(let open): condition.coverOpen = open
            case .offline(let offline): condition.offline = offline
            case .cutterError(let error): condition.cutterError = error
            case .paperRunsOut(let lines): condition.paperRunsOutAfterLines = lines
            }
        }
    }

    /// Changes the condition in one step.
    public func update(_ change: @escaping @Sendable (inout PrinterCondition) -> Void) async {
        let handler = self.handler
        try? await handler.eventLoop.submit { handler.value.update(change) }.get()
    }

    /// The condition now.
    public var condition: PrinterCondition {
        get async {
            let handler = self.handler
            return (try? await handler.eventLoop.submit { handler.value.condition }.get()) ?? PrinterCondition()
        }
    }

    /// What has been printed so far.
    public var transcript: PrinterTranscript {
        get async {
            let handler = self.handler
            return (try? await handler.eventLoop.submit { handler.value.transcript }.get()) ?? PrinterTranscript()
        }
    }

    /// Closes both sides of the pseudo-terminal and removes the link: to the host, the printer is unplugged.
    public func stop() async {
        guard !stopped.exchange(true, ordering: .relaxed) else { return }
        try? await channel.close()
        _ = Glibc.close(slave)
        var information = stat()
        if lstat(linkPath, &information) == 0, information.st_mode & S_IFMT == S_IFLNK {
            _ = unlink(linkPath)
        }
    }
}
