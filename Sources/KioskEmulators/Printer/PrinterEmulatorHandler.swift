import NIOCore

/// The emulated printer on the master side of its pseudo-terminal: takes the host's bytes when
/// they would have arrived on a serial wire (`paced`) or at once, and writes the replies back.
final class PrinterEmulatorHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var printer = EmulatedPrinter()
    /// Nanoseconds one byte takes on the wire (10 bits: start, 8 data, stop); nil when unpaced.
    private let nanosecondsPerByte: Double?
    private let observer: (@Sendable (PrinterTranscript.Entry) -> Void)?
    /// Received from the pty and not yet arrived on the modelled wire.
    private var inFlight = ByteBuffer()
    /// When the current run of back-to-back bytes began and how many of it have arrived.
    private var runStart = NIODeadline.now()
    private var runArrived: Int64 = 0
    private var wakeUp: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(baud: Int?, observer: (@Sendable (PrinterTranscript.Entry) -> Void)?) {
        nanosecondsPerByte = baud.map { 10 * 1e9 / Double(max($0, 1)) }
        self.observer = observer
    }

    var transcript: PrinterTranscript { printer.transcript }
    var condition: PrinterCondition { printer.condition }

    /// Changes the printer's condition and sends what that causes.
    func update(_ change: (inout PrinterCondition) -> Void) {
        var entries: [PrinterTranscript.Entry] = []
        let replies = printer.update(change, entries: &entries)
        deliver(replies, entries)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        wakeUp?.cancel()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        guard nanosecondsPerByte != nil else {
            var entries: [PrinterTranscript.Entry] = []
            let replies = printer.receive(bytes.readableBytesView, entries: &entries)
            deliver(replies, entries)
            return
        }
        if inFlight.readableBytes == 0 {
            runStart = .now()
            runArrived = 0
        }
        inFlight.writeBuffer(&bytes)
        arrive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // EIO on the master when no process has the slave open; the emulator keeps one, so this is rare.
        context.fireErrorCaught(error)
    }

    /// Hands the printer every byte whose wire time has passed; wakes up for the next.
    private func arrive() {
        wakeUp?.cancel()
        wakeUp = nil
        guard let nanosecondsPerByte, let context else { return }
        let elapsed = Double(NIODeadline.now().uptimeNanoseconds &- runStart.uptimeNanoseconds)
        let due = min(Int64(elapsed / nanosecondsPerByte) - runArrived, Int64(inFlight.readableBytes))
        if due > 0, let bytes = inFlight.readSlice(length: Int(due)) {
            runArrived += due
            var entries: [PrinterTranscript.Entry] = []
            let replies = printer.receive(bytes.readableBytesView, entries: &entries)
            deliver(replies, entries)
        }
        if inFlight.readableBytes == 0 {
            inFlight.clear()
            return
        }
        let next = runStart + .nanoseconds(Int64((Double(runArrived + 1) * nanosecondsPerByte).rounded(.up)))
        wakeUp = context.eventLoop.assumeIsolated().scheduleTask(deadline: next) { self.arrive() }
    }

    private func deliver(_ replies: [UInt8], _ entries: [PrinterTranscript.Entry]) {
        if let observer {
            for entry in entries { observer(entry) }
        }
        guard !replies.isEmpty, let context else { return }
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: replies)), promise: nil)
    }
}
