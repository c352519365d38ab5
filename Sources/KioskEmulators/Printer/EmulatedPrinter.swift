import KioskDevices

/// The emulated receipt printer's logic as a value type: bytes in, replies out, a transcript of what
/// was printed. No I/O and no clock: `PrinterEmulatorHandler` brings the bytes when they would
/// arrive on the wire.
///
/// Like a real printer it answers `DLE EOT n` the moment the request is received, even inside a QR
/// payload, and processes everything else in order, only while it can print: out of paper, with the
/// cover open, offline or after a cutter error, received data waits (and `GS r` is not answered)
/// until the condition clears.
struct EmulatedPrinter {
    private(set) var condition = PrinterCondition()
    private(set) var transcript = PrinterTranscript()
    /// Received and not yet processed.
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var realTime = RealTimeRequestScanner()
    private var automaticStatusBack: UInt8 = 0
    private var modes = Modes()
    private var line: [UInt8] = []
    private var qr = (payload: [UInt8](), moduleSize: 3, errorCorrection: UInt8(0x30))
    /// Opened once: opening an iconv descriptor costs more than converting a line.
    private let decoder = GB18030.decoder()

    private struct Modes {
        var chinese = false
        var bold = false
        var size = TextSize.normal
        var alignment = TextAlignment.left
    }

    /// Takes received bytes; returns what the printer sends back: real-time answers first (they are
    /// answered on receipt), then what processing the data sends.
    mutating func receive(_ bytes: some Collection<UInt8>, entries: inout [PrinterTranscript.Entry]) -> [UInt8] {
        var replies: [UInt8] = []
        for byte in bytes {
            if let request = realTime.take(byte) {
                replies.append(condition.statusByte(request))
            }
        }
        pending.append(contentsOf: bytes)
        process(into: &replies, entries: &entries)
        return replies
    }

    /// Changes the condition; returns the automatic status back it causes and what processing the
    /// waiting data sends.
    mutating func update(_ change: (inout PrinterCondition) -> Void, entries: inout [PrinterTranscript.Entry]) -> [UInt8] {
        let before = condition.automaticStatusBlock
        change(&condition)
        var replies: [UInt8] = []
        if automaticStatusBack != 0, condition.automaticStatusBlock != before {
            replies += condition.automaticStatusBlock
        }
        process(into: &replies, entries: &entries)
        return replies
    }

    // MARK: Processing

    private mutating func process(into replies: inout [UInt8], entries: inout [PrinterTranscript.Entry]) {
        while condition.printing, let (command, length) = ESCPOSStreamParser.next(pending[pendingStart...]) {
            pendingStart += length
            execute(command, replies: &replies, entries: &entries)
        }
        if pendingStart == pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingStart = 0
        } else if pendingStart > 4096 {
            pending.removeFirst(pendingStart)
            pendingStart = 0
        }
    }

    private mutating func execute(_ command: ESCPOSStreamCommand, replies: inout [UInt8], entries: inout [PrinterTranscript.Entry]) {
        switch command {
        case .text(let bytes):
            line += bytes
        case .lineFeed:
            printLine(entries: &entries, replies: &replies)
        case .carriageReturn, .realTime:
            break
        case .initialise:
            line = []
            modes = Modes()
            record(.initialised, &entries)
        case .chineseMode(let on):
            modes.chinese = on
        case .characterSize(let width, let height):
            modes.size = TextSize(width: width, height: height)
        case .printMode(let mode):
            modes.bold = mode & 0x08 != 0
            modes.size = TextSize(width: mode & 0x20 != 0 ? 2 : 1, height: mode & 0x10 != 0 ? 2 : 1)
        case .bold(let on):
            modes.bold = on
        case .alignment(let value):
            modes.alignment = TextAlignment(rawValue: value) ?? .left
        case .feedLines(let count):
            if !line.isEmpty { printLine(entries: &entries, replies: &replies) }
            record(.feed(lines: count), &entries)
            usePaper(lines: count, replies: &replies)
        case .cut(let partial):
            if !line.isEmpty { printLine(entries: &entries, replies: &replies) }
            record(.cut(partial: partial), &entries)
        case .qrCode(let function, let parameters):
            qrCode(function, parameters, entries: &entries, replies: &replies)
        case .automaticStatusBack(let mask):
            automaticStatusBack = mask
            if mask != 0 { replies += condition.automaticStatusBlock }
        case .transmitStatus(let n):
            replies.append(n == 1 || n == 49 ? condition.paperSensorByte : 0x00)
        case .other(let bytes):
            record(.skipped(bytes), &entries)
        }
    }

    private mutating func qrCode(_ function: UInt8, _ parameters: [UInt8], entries: inout [PrinterTranscript.Entry], replies: inout [UInt8]) {
        switch function {
        case 0x43:
            qr.moduleSize = Int(parameters.first ?? 3)
        case 0x45:
            qr.errorCorrection = parameters.first ?? 0x30
        case 0x50:
            qr.payload = Array(parameters.dropFirst())
        case 0x51:
            if !line.isEmpty { printLine(entries: &entries, replies: &replies) }
            record(.qrCode(payload: qr.payload, moduleSize: qr.moduleSize, errorCorrection: qr.errorCorrection), &entries)
        default:
            break
        }
    }

    private mutating func printLine(entries: inout [PrinterTranscript.Entry], replies: inout [UInt8]) {
        let text = modes.chinese
            ? (decoder?.decode(line) ?? String(decoding: line, as: UTF8.self))
            : String(line.map { Character(Unicode.Scalar($0)) })
        line = []
        record(.line(.init(text: text, bold: modes.bold, size: modes.size, alignment: modes.alignment)), &entries)
        usePaper(lines: 1, replies: &replies)
    }

    /// Counts printed lines towards a paper run-out.
    private mutating func usePaper(lines: Int, replies: inout [UInt8]) {
        guard let left = condition.paperRunsOutAfterLines else { return }
        let before = condition.automaticStatusBlock
        if left <= lines {
            condition.paperRunsOutAfterLines = nil
            condition.paper = .out
        } else {
            condition.paperRunsOutAfterLines = left - lines
        }
        if automaticStatusBack != 0, condition.automaticStatusBlock != before {
            replies += condition.automaticStatusBlock
        }
    }

    private mutating func record(_ entry: PrinterTranscript.Entry, _ entries: inout [PrinterTranscript.Entry]) {
        transcript.append(entry)
        entries.append(entry)
    }
}

/// Finds `DLE EOT n` (n 1…4) in the received bytes, wherever it stands.
struct RealTimeRequestScanner {
    private var state = 0

    /// The request `byte` completes, if any.
    mutating func take(_ byte: UInt8) -> StatusRequest? {
        switch (state, byte) {
        case (1, 0x04):
            state = 2
            return nil
        case (2, _):
            state = byte == 0x10 ? 1 : 0
            return StatusRequest(rawValue: byte)
        case (_, 0x10):
            state = 1
            return nil
        default:
            state = 0
            return nil
        }
    }
}
