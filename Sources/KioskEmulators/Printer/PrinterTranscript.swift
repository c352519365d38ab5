import KioskDevices

/// What the emulated printer printed, in order.
public struct PrinterTranscript: Sendable, Equatable {
    /// One printed thing.
    public enum Entry: Sendable, Equatable {
        /// `ESC @`.
        case initialised
        /// A printed line (text decoded from GB18030 in Chinese mode).
        case line(PrintedLine)
        /// Blank lines fed by `ESC d n`.
        case feed(lines: Int)
        /// A QR code printed from its stored payload.
        case qrCode(payload: [UInt8], moduleSize: Int, errorCorrection: UInt8)
        /// A cut.
        case cut(partial: Bool)
        /// A command the emulator does not model (its first bytes).
        case skipped([UInt8])
    }

    /// A line of text and how it was printed.
    public struct PrintedLine: Sendable, Equatable {
        public var text: String
        public var bold: Bool
        public var size: TextSize
        public var alignment: TextAlignment

        public init(text: String, bold: Bool = false, size: TextSize = .normal, alignment: TextAlignment = .left) {
            self.text = text
            self.bold = bold
            self.size = size
            self.alignment = alignment
        }
    }

    public private(set) var entries: [Entry] = []

    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    mutating func append(_ entry: Entry) {
        entries.append(entry)
    }

    /// The printed lines' text.
    public var lines: [String] {
        entries.compactMap { entry in
            if case .line(let line) = entry { return line.text }
            return nil
        }
    }

    /// Every printed line, joined by newlines.
    public var text: String {
        lines.joined(separator: "\n")
    }

    /// The payloads of the printed QR codes, as UTF-8.
    public var qrPayloads: [String] {
        entries.compactMap { entry in
            if case .qrCode(let payload, _, _) = entry { return String(decoding: payload, as: UTF8.self) }
            return nil
        }
    }

    /// Cuts made.
    public var cuts: Int {
        entries.count { entry in
            if case .cut = entry { return true }
            return false
        }
    }
}

extension PrinterTranscript.Entry: CustomStringConvertible {
    /// One tab-separated line, as `kiosk-emulator printer --transcript` writes it.
    public var description: String {
        switch self {
        case .initialised:
            "init"
        case .line(let line):
            "line\t\(line.text)"
        case .feed(let lines):
            "feed\t\(lines)"
        case .qrCode(let payload, let moduleSize, let level):
            "qr\t\(String(decoding: payload, as: UTF8.self))\tmodule=\(moduleSize)\tlevel=\(["L", "M", "Q", "H"][Int(level & 0x03)])"
        case .cut(let partial):
            "cut\t\(partial ? "partial" : "full")"
        case .skipped(let bytes):
            "skipped\t" + bytes.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
        }
    }
}
