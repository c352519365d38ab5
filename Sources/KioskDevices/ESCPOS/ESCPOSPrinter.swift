import KioskCore
import KioskTransport
import Logging

/// An ESC/POS receipt printer over serial or USB: prints receipts without losing them silently,
/// reports its status, and keeps its counters.
///
/// `print` asks `DLE EOT 1…4` first and refuses with a typed error (nothing sent) when the printer
/// cannot print; after the job it waits for the printer to confirm it and reports `.interrupted`
/// when a fault shows on the way. The protocol decisions are `ESCPOSConversation`'s; this actor
/// does the I/O. Counters `paper_fed_mm`, `cuts`, `receipts` and `errors` go to the counter store.
public actor ESCPOSPrinter {
    /// Counter names in the store.
    public enum Counter {
        public static let paperFedMillimetres = "paper_fed_mm"
        public static let cuts = "cuts"
        public static let receipts = "receipts"
        public static let errors = "errors"
    }

    /// The configured device id, which names the counters.
    public nonisolated let deviceID: String
    public nonisolated let configuration: ESCPOSConfiguration
    private let link: any ESCPOSLink
    private let counters: (any DeviceCounterStore)?
    private let logger: Logger
    private var automaticStatus: PrinterStatus?
    /// One exchange on the line at a time: the actor alone would let a probe's status request interleave with a print.
    private let turn = DeviceTurn()

    public init(
        link: any ESCPOSLink, deviceID: String, configuration: ESCPOSConfiguration,
        counters: (any DeviceCounterStore)? = nil, logger: Logger
    ) {
        self.link = link
        self.deviceID = deviceID
        self.configuration = configuration
        self.counters = counters
        var logger = logger
        logger[metadataKey: "device"] = "\(deviceID)"
        self.logger = logger
    }

    /// Opens a printer on a serial line.
    public static func open(
        serial port: SerialPort, deviceID: String, configuration: ESCPOSConfiguration,
        counters: (any DeviceCounterStore)? = nil, logger: Logger
    ) async throws(PrinterError) -> ESCPOSPrinter {
        let link = try await SerialPrinterLink.open(port, logger: logger)
        return try await started(link, deviceID: deviceID, configuration: configuration, counters: counters, logger: logger)
    }

    /// Opens a USB printer-class printer.
    public static func open(
        usb context: USBContext, selector: USBDeviceSelector, endpoints: USBEndpoints, deviceID: String,
        configuration: ESCPOSConfiguration, counters: (any DeviceCounterStore)? = nil, logger: Logger
    ) async throws(PrinterError) -> ESCPOSPrinter {
        let link = try USBPrinterLink.open(
            context, selector: selector, endpoints: endpoints,
            writeTimeout: configuration.timing.completionTimeout)
        return try await started(link, deviceID: deviceID, configuration: configuration, counters: counters, logger: logger)
    }

    private static func started(
        _ link: any ESCPOSLink, deviceID: String, configuration: ESCPOSConfiguration,
        counters: (any DeviceCounterStore)?, logger: Logger
    ) async throws(PrinterError) -> ESCPOSPrinter {
        let printer = ESCPOSPrinter(link: link, deviceID: deviceID, configuration: configuration, counters: counters, logger: logger)
        do {
            try await printer.start()
        } catch {
            await link.close()
            throw error
        }
        return printer
    }

    /// Enables automatic status back when the profile asks for it.
    private func start() async throws(PrinterError) {
        guard configuration.automaticStatusBack, link.answers else { return }
        try await link.send(ESCPOSCommand.automaticStatusBack(ESCPOSCommand.automaticStatusBackMask))
    }

    /// The last automatic status back, when the profile enables it and one came.
    public var latestAutomaticStatus: PrinterStatus? {
        automaticStatus
    }

    /// The printer's status now (`DLE EOT 1…4`; GET_PORT_STATUS for a USB printer that cannot answer).
    public func status() async throws(PrinterError) -> PrinterStatus {
        await turn.take()
        defer { turn.done() }
        await absorbArrived()
        guard link.answers else { return try await statusFromPort() }
        var conversation = makeConversation()
        let first = conversation.requestStatus(at: .now)
        return try await run(&conversation, first).get()
    }

    /// Prints `receipt`: checks the status, sends the job, waits for the printer to confirm it.
    ///
    /// - Throws: a refusal (`.paperOut`, `.coverOpen`, `.offline`, `.cutterError`, `.unrecoverable`,
    ///   `.recovering`; nothing was sent), `.interrupted(cause)` (the job was sent: the receipt may
    ///   be incomplete), `.noAnswer`, `.disconnected`, `.unavailable`, `.invalidReceipt`.
    @discardableResult
    public func print(_ receipt: Receipt) async throws(PrinterError) -> PrintReport {
        let encoded: EncodedReceipt
        do {
            encoded = try configuration.encoder.encode(receipt)
        } catch {
            throw .invalidReceipt(error)
        }
        await turn.take()
        defer { turn.done() }
        await absorbArrived()
        let port = try await secondOpinion()
        let result: Result<PrinterStatus, PrinterError>
        if link.answers {
            let job = ESCPOSConversation.Job(
                bytes: encoded.bytes, embeddedStatusRequests: encoded.embeddedStatusRequests,
                wireTime: link.wireTime(forBytes: encoded.bytes.count + ESCPOSCommand.transmitPaperStatus.count))
            var conversation = makeConversation()
            let first = conversation.print(job, at: .now)
            result = await run(&conversation, first)
        } else {
            result = await printUnanswered(encoded)
        }
        switch result {
        case .success(let status):
            logger.info("receipt printed", metadata: [
                "escpos.bytes": "\(encoded.bytes.count)", "escpos.replaced": "\(encoded.replacedCharacters)",
                "escpos.status": "\(status)",
            ])
            await count([
                Counter.receipts: 1, Counter.cuts: Int64(encoded.cuts),
                Counter.paperFedMillimetres: Int64(encoded.paperMillimetres.rounded()),
            ])
            return PrintReport(
                status: status, replacedCharacters: encoded.replacedCharacters, bytesSent: encoded.bytes.count,
                paperMillimetres: encoded.paperMillimetres, portStatus: port)
        case .failure(let error):
            logger.info("receipt not printed", metadata: ["escpos.error": "\(error)"])
            await count([Counter.errors: 1])
            throw error
        }
    }

    /// Disables automatic status back (best effort) and closes the transport.
    public func close() async {
        if configuration.automaticStatusBack, link.answers {
            try? await link.send(ESCPOSCommand.automaticStatusBack(0))
        }
        await link.close()
    }

    // MARK: The conversation loop

    private func makeConversation() -> ESCPOSConversation {
        ESCPOSConversation(
            device: link.device, paperWidth: configuration.paperWidth, timing: configuration.timing,
            confirmsCompletion: configuration.confirmsCompletion)
    }

    /// Performs the conversation's actions until it finishes.
    private func run(_ conversation: inout ESCPOSConversation, _ first: ESCPOSConversation.Action) async -> Result<PrinterStatus, PrinterError> {
        var action = first
        while true {
            switch action {
            case .finished(let result):
                return result
            case .send(let bytes, let deadline):
                do {
                    try await link.send(bytes)
                    action = .wait(until: deadline)
                } catch {
                    action = conversation.failed(error)
                }
            case .wait(let deadline):
                do {
                    if let reply = try await link.receive(until: deadline) {
                        action = conversation.received(taking(reply), at: .now)
                    } else {
                        action = conversation.deadlinePassed(at: .now)
                    }
                } catch {
                    action = conversation.failed(error)
                }
            }
        }
    }

    /// Notes an automatic status back; hides it from the conversation when the profile does not enable it.
    private func taking(_ reply: PrinterReply) -> PrinterReply {
        guard case .automaticStatus(let block) = reply else { return reply }
        guard configuration.automaticStatusBack else { return .unrecognised(block.first) }
        automaticStatus = PrinterStatus(automaticStatus: block)
        return reply
    }

    /// Takes replies that came unasked since the last conversation (automatic status back, late answers).
    private func absorbArrived() async {
        for reply in await link.takeArrived() {
            _ = taking(reply)
        }
    }

    // MARK: USB port status

    /// GET_PORT_STATUS where the transport has it; an unplugged printer ends the print here.
    private func secondOpinion() async throws(PrinterError) -> PrinterPortStatus? {
        do {
            let port = try await link.portStatus()
            if let port, port.paperEmpty || !port.selected {
                logger.debug("USB port status reports a problem; trusting DLE EOT", metadata: ["escpos.port": "\(port)"])
            }
            return port
        } catch .disconnected(let device) {
            throw .disconnected(device: device)
        } catch {
            logger.debug("USB port status not read", metadata: ["escpos.error": "\(error)"])
            return nil
        }
    }

    /// The status GET_PORT_STATUS gives, for a printer that cannot answer `DLE EOT`.
    private func statusFromPort() async throws(PrinterError) -> PrinterStatus {
        guard let port = try await link.portStatus() else {
            throw .noAnswer(device: link.device, after: .zero)
        }
        return PrinterStatus(online: port.selected && port.noError, paperEnd: port.paperEmpty)
    }

    /// A job for a printer that cannot answer: port status before and after.
    private func printUnanswered(_ encoded: EncodedReceipt) async -> Result<PrinterStatus, PrinterError> {
        do throws(PrinterError) {
            let before = try await statusFromPort()
            if let refusal = ESCPOSConversation.refusal(before, paperWidth: configuration.paperWidth) { return .failure(refusal) }
            do {
                try await link.send(encoded.bytes)
                let after = try await statusFromPort()
                if let cause = ESCPOSConversation.interruption(after) { return .failure(.interrupted(cause)) }
                return .success(after)
            } catch {
                return .failure(.interrupted(error == .cancelled ? .cancelled : .disconnected))
            }
        } catch {
            return .failure(error)
        }
    }

    // MARK: Counters

    private func count(_ amounts: [String: Int64]) async {
        guard let counters else { return }
        do {
            try await counters.add(amounts.filter { $0.value != 0 }, to: deviceID)
        } catch {
            logger.info("printer counters not saved", metadata: ["escpos.error": "\(error)"])
        }
    }
}
