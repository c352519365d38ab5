import Glibc
import NIOCore
import NIOPosix
import Synchronization

/// A pseudo-terminal pair standing in for a serial device: the slave is the device node kioskd opens, the master
/// is the device, answered by a `SerialScriptResponder` on a SwiftNIO channel.
///
/// The test keeps one descriptor of the slave open until `close()`: it reads the line settings back through it, and
/// it keeps the `/dev/pts/N` number from being reused while the test counts descriptors that point at it.
final class PseudoTerminal: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The slave's device node, e.g. `/dev/pts/3`.
    let slavePath: String
    private let responder: NIOLoopBound<SerialScriptResponder>
    private let slave: CInt
    private let far: any Channel
    private let slaveClosed = Atomic<Bool>(false)

    private init(slavePath: String, slave: CInt, far: any Channel, responder: NIOLoopBound<SerialScriptResponder>) {
        self.slavePath = slavePath
        self.slave = slave
        self.far = far
        self.responder = responder
    }

    /// A new pair whose far end answers `script` (command line → reply bytes).
    static func make(script: [String: String] = [:]) async throws -> PseudoTerminal {
        var master: CInt = -1
        var slave: CInt = -1
        var name = [CChar](repeating: 0, count: 128)
        guard openpty(&master, &slave, &name, nil, nil) == 0 else {
            throw Failure(description: "openpty failed: errno \(errno)")
        }
        let slavePath = SerialTestSupport.string(fromCString: name)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        let output = fcntl(master, F_DUPFD_CLOEXEC, 0)

        let rules = Dictionary(uniqueKeysWithValues: script.map { (Array($0.key.utf8), Array($0.value.utf8)) })
        let far: any Channel
        do {
            far = try await NIOPipeBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(SerialScriptResponder(rules: rules))
                    }
                }
                .takingOwnershipOfDescriptors(input: master, output: output)
                .get()
        } catch {
            _ = Glibc.close(output)
            _ = Glibc.close(master)
            _ = Glibc.close(slave)
            throw error
        }
        let responder = try await far.eventLoop.submit {
            NIOLoopBound(try far.pipeline.syncOperations.handler(type: SerialScriptResponder.self), eventLoop: far.eventLoop)
        }.get()
        return PseudoTerminal(slavePath: slavePath, slave: slave, far: far, responder: responder)
    }

    /// Sends bytes from the device, unasked.
    func send(_ text: String) async throws {
        try await far.writeAndFlush(far.allocator.buffer(string: text))
    }

    /// Closes the device side, as when a USB-serial adapter is pulled out.
    func hangUp() async {
        try? await far.close()
    }

    /// Hangs the tty up (TIOCVHANGUP, root only), as the kernel does when a USB-serial adapter is unplugged.
    func hangUpTTY() throws {
        guard ioctl(slave, UInt(TIOCVHANGUP)) == 0 else {
            throw Failure(description: "TIOCVHANGUP on \(slavePath) failed: errno \(errno)")
        }
    }

    /// Whether the tty is in exclusive mode (TIOCEXCL), which makes opens by other non-root programs fail with EBUSY.
    func isExclusive() throws -> Bool {
        // TIOCGEXCL is _IOR('T', 0x40, int), a macro Swift does not import.
        let getExclusive: UInt = 0x8004_5440
        var exclusive: CInt = 0
        guard ioctl(slave, getExclusive, &exclusive) == 0 else {
            throw Failure(description: "TIOCGEXCL on \(slavePath) failed: errno \(errno)")
        }
        return exclusive != 0
    }

    /// Whether another open of the slave holds the flock, as a second kioskd process running as root would find.
    func isLockedElsewhere() -> Bool {
        guard flock(slave, LOCK_EX | LOCK_NB) == 0 else { return true }
        _ = flock(slave, LOCK_UN)
        return false
    }

    /// Closes both sides.
    func close() async {
        await hangUp()
        if !slaveClosed.exchange(true, ordering: .relaxed) {
            _ = Glibc.close(slave)
        }
    }

    /// The line settings of the slave as the kernel holds them.
    func slaveAttributes() throws -> termios {
        var attributes = termios()
        guard tcgetattr(slave, &attributes) == 0 else {
            throw Failure(description: "tcgetattr on \(slavePath) failed: errno \(errno)")
        }
        return attributes
    }

    /// Lines the far end received that its script had no reply for.
    func unknownCommands() async throws -> [String] {
        let responder = self.responder
        return try await responder.eventLoop.submit { responder.value.unknown }.get()
    }
}
