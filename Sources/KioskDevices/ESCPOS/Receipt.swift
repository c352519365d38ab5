/// A receipt as a document: what to print, in order, with no bytes in it yet. `ReceiptEncoder`
/// turns it into ESC/POS for a given paper width.
public struct Receipt: Sendable, Equatable {
    public var elements: [ReceiptElement]

    public init(_ elements: [ReceiptElement] = []) {
        self.elements = elements
    }

    public mutating func append(_ element: ReceiptElement) {
        elements.append(element)
    }
}

/// One part of a receipt.
public enum ReceiptElement: Sendable, Equatable {
    /// Text, one printed line per line of the string (`\n` starts a new one); longer lines wrap on
    /// the printer. Chinese is sent as GB18030.
    case text(String, style: TextStyle = TextStyle())
    /// A line of `character` across the paper (48 columns on 80 mm, 32 on 58 mm; a Chinese
    /// character takes two).
    case separator(Character = "-")
    /// A QR code printed by the printer itself (`GS ( k`, model 2).
    case qrCode(QRCode)
    /// Blank lines (`ESC d n`).
    case feed(lines: Int)
    /// A partial cut.
    case cut(CutStyle = .feedToCutter)
}

/// How text is printed.
public struct TextStyle: Sendable, Equatable, Hashable {
    public var size: TextSize
    public var bold: Bool
    public var alignment: TextAlignment

    public init(size: TextSize = .normal, bold: Bool = false, alignment: TextAlignment = .left) {
        self.size = size
        self.bold = bold
        self.alignment = alignment
    }
}

/// Character magnification (`GS ! n`), 1…8 each way.
public struct TextSize: Sendable, Equatable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public static let normal = TextSize(width: 1, height: 1)
    /// Twice as tall and wide, for titles and large print.
    public static let double = TextSize(width: 2, height: 2)
    /// Twice as tall, as wide as normal.
    public static let tall = TextSize(width: 1, height: 2)
}

/// Justification (`ESC a n`).
public enum TextAlignment: UInt8, Sendable, Equatable, Hashable, CaseIterable {
    case left = 0
    case center = 1
    case right = 2
}

/// A QR code: model 2, printed by the printer from its payload.
public struct QRCode: Sendable, Equatable, Hashable {
    /// The bytes encoded in the symbol (a URL or text as UTF-8).
    public var payload: [UInt8]
    /// Dots per module, 1…16.
    public var moduleSize: Int
    public var errorCorrection: QRErrorCorrection
    public var alignment: TextAlignment

    public init(payload: [UInt8], moduleSize: Int = 6, errorCorrection: QRErrorCorrection = .medium, alignment: TextAlignment = .center) {
        self.payload = payload
        self.moduleSize = moduleSize
        self.errorCorrection = errorCorrection
        self.alignment = alignment
    }

    /// A QR code of `text` as UTF-8.
    public init(_ text: String, moduleSize: Int = 6, errorCorrection: QRErrorCorrection = .medium, alignment: TextAlignment = .center) {
        self.init(payload: Array(text.utf8), moduleSize: moduleSize, errorCorrection: errorCorrection, alignment: alignment)
    }
}

/// QR error correction level, as `GS ( k` fn 0x45 takes it.
public enum QRErrorCorrection: UInt8, Sendable, Equatable, Hashable, CaseIterable {
    /// About 7 % of the symbol may be damaged.
    case low = 0x30
    /// About 15 %.
    case medium = 0x31
    /// About 25 %.
    case quartile = 0x32
    /// About 30 %.
    case high = 0x33
}

/// How the paper is cut.
public enum CutStyle: Sendable, Equatable, Hashable {
    /// Feed until the last printed line is past the cutter, then cut (`GS V 66 0`), after the
    /// profile's `feed_lines_before_cut` blank lines.
    case feedToCutter
    /// Cut where the paper is (`GS V 1`): the last lines are still below the cutter.
    case here
}

/// Receipt paper width; it sets the columns of a line.
public enum PaperWidth: Int, Sendable, Equatable, Hashable, CaseIterable {
    case mm58 = 58
    case mm80 = 80

    /// Font A columns (12 × 24 dots; a Chinese character is 24 × 24 and takes two).
    public var columns: Int {
        switch self {
        case .mm58: 32
        case .mm80: 48
        }
    }
}
