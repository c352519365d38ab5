extension PrinterTranscript {
    /// One receipt as the simulation API shows it: what was printed up to a cut.
    public struct Receipt: Sendable, Equatable {
        /// The printed lines, joined by newlines.
        public var text: String
        /// The payloads of its QR codes.
        public var qrCodes: [String]
        /// Whether a cut ended it (false for what is still on the printer).
        public var cut: Bool

        public init(text: String, qrCodes: [String], cut: Bool) {
            self.text = text
            self.qrCodes = qrCodes
            self.cut = cut
        }
    }

    /// The transcript split at its cuts; what follows the last cut, if anything was printed, comes last uncut.
    public var receipts: [Receipt] {
        var receipts: [Receipt] = []
        var lines: [String] = []
        var codes: [String] = []
        for entry in entries {
            switch entry {
            case .line(let line):
                lines.append(line.text)
            case .qrCode(let payload, _, _):
                codes.append(String(decoding: payload, as: UTF8.self))
            case .cut:
                receipts.append(Receipt(text: lines.joined(separator: "\n"), qrCodes: codes, cut: true))
                lines = []
                codes = []
            case .initialised, .feed, .skipped:
                continue
            }
        }
        if !lines.isEmpty || !codes.isEmpty {
            receipts.append(Receipt(text: lines.joined(separator: "\n"), qrCodes: codes, cut: false))
        }
        return receipts
    }
}
