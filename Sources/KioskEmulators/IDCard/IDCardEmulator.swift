import Glibc
import KioskDevices
import NIOCore
import NIOPosix

/// A GA 467 ID-card reader on the master side of a pseudo-terminal, reached by kioskd through a symbolic link to
/// the slave: the driver's real termios and SwiftNIO code run against it.
///
/// It speaks the real protocol, with fictional cards (`IDCardEmulatorCard.samples`) to present and lift, a SAM that
/// can fail, responses that can be damaged, and optional pacing at a baud rate (a pty itself is as fast as memory).
/// Used by the tests, `kiosk-bench idcard`, `kiosk-emulator idcard` and `kioskd --simulate`.
public final class IDCardEmulator: Sendable {
    /// The symbolic link kioskd opens.
    public let linkPath: String
    /// The slave's device node the link points at (`/dev/pts/N`).
    public let devicePath: String
    /// The baud rate responses are paced at, or nil when they go out at once.
    public let pacedBaud: Int?

    private let shared: IDCardEmulatorShared
    private let terminal: IDCardEmulatorTerminal
    private let channel: any Channel
    /// Lifts the tty's exclusive mode after each close of it (see `init`).
    private let releaseExclusivity: ExclusivityRelease

    private init(linkPath: String, pacedBaud: Int?, shared: IDCardEmulatorShared, terminal: IDCardEmulatorTerminal, channel: any Channel) {
        self.linkPath = linkPath
        self.devicePath = terminal.slavePath
        self.pacedBaud = pacedBaud
        self.shared = shared
        self.terminal = terminal
        self.channel = channel
        // kioskd opens serial ports with TIOCEXCL, which Linux clears only when the last descriptor of the tty closes;
        // the emulator holds one, so without this a non-root kioskd could not open the port again after closing it.
        self.releaseExclusivity = ExclusivityRelease(path: terminal.slavePath, descriptor: terminal.slave)
    }

    /// Starts an emulator whose serial port is reached at `linkPath` (a symbolic link made or replaced there).
    ///
    /// - Parameters:
    ///   - cards: the cards `present(cardNamed:)` knows.
    ///   - pacedBaud: model the wire time of this baud rate (10 bits a byte); nil answers at once.
    public static func start(
        linkPath: String,
        cards: [IDCardEmulatorCard] = IDCardEmulatorCard.samples,
        pacedBaud: Int? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(IDCardEmulatorError) -> IDCardEmulator {
        let terminal = try IDCardEmulatorTerminal.open()
        let shared = IDCardEmulatorShared(device: IDCardEmulatorDevice(cards: cards))
        let output = fcntl(terminal.master, F_DUPFD_CLOEXEC, 0)
        let channel: any Channel
        do {
            channel = try await NIOPipeBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers([
                            IDCardEmulatorByteCounter(shared: shared),
                            ByteToMessageHandler(IDCardCommandDecoder()),
                            IDCardEmulatorHandler(shared: shared, baud: pacedBaud),
                        ])
                    }
                }
                .takingOwnershipOfDescriptors(input: terminal.master, output: output)
                .get()
        } catch {
            _ = Glibc.close(output)
            _ = Glibc.close(terminal.master)
            terminal.closeSlave()
            throw .pseudoTerminal("could not start reading the master side: \(error)")
        }
        do {
            try terminal.link(at: linkPath)
        } catch {
            try? await channel.close()
            terminal.closeSlave()
            throw error
        }
        return IDCardEmulator(linkPath: linkPath, pacedBaud: pacedBaud, shared: shared, terminal: terminal, channel: channel)
    }

    /// Stops answering, closes the pseudo-terminal and removes the link.
    public func stop() async {
        await releaseExclusivity.stop()
        terminal.removeLink(linkPath)
        try? await channel.close()
        terminal.closeSlave()
    }

    // MARK: Cards

    /// Puts `card` on the reader.
    public func present(card: IDCardEmulatorCard) {
        shared.device.withLock { $0.present(card) }
    }

    /// Puts the card with key `name` (`zhang`, `li`…) on the reader.
    public func present(cardNamed name: String) throws(IDCardEmulatorError) {
        let known = shared.device.withLock { device -> Result<Void, IDCardEmulatorError> in
            guard let card = device.cards[name] else { return .failure(.unknownCard(name, known: device.cards.keys.sorted())) }
            device.present(card)
            return .success(())
        }
        try known.get()
    }

    /// Takes the card off the reader.
    public func lift() {
        shared.device.withLock { $0.lift() }
    }

    /// Lifts the card right after the next answer to `command` (a card taken away mid-read).
    public func liftAfterAnswering(_ command: IDCardCommand) {
        shared.device.withLock { $0.liftAfterAnswering(command) }
    }

    /// The card on the reader now.
    public var presentedCard: IDCardEmulatorCard? {
        shared.device.withLock { $0.presented }
    }

    /// Whether, like most modules, "find card" fails after a read until the card is presented again (default true).
    public func setRequiresLiftAfterRead(_ value: Bool) {
        shared.device.withLock { $0.requiresLiftAfterRead = value }
    }

    // MARK: Faults

    /// Makes the SAM fail in the way given; nil makes it work again.
    public func setSAMFailure(_ failure: IDCardEmulatorDevice.SAMFailure?) {
        shared.device.withLock { $0.samFailure = failure }
    }

    /// Damages the next `count` responses (all of them when nil) in the way given; nil stops.
    public func setCorruption(_ corruption: IDCardEmulatorDevice.FrameCorruption?, count: Int? = nil) {
        shared.device.withLock { $0.setCorruption(corruption, count: count) }
    }

    // MARK: Traffic

    /// Bytes received from the host and sent to it since the start (or the last `resetTraffic`).
    public var traffic: (received: Int, sent: Int) {
        (shared.received.load(ordering: .relaxed), shared.sent.load(ordering: .relaxed))
    }

    /// Sets the traffic counts back to zero.
    public func resetTraffic() {
        shared.received.store(0, ordering: .relaxed)
        shared.sent.store(0, ordering: .relaxed)
    }
}
