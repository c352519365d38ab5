import NIOCore

/// One thing a receipt printer sends back, told apart by bit pattern alone, since a printer
/// answers real-time requests whenever it receives them (even inside a QR payload) and sends
/// automatic status back whenever its state changes.
public enum PrinterReply: Sendable, Equatable, Hashable {
    /// A `DLE EOT n` status byte: bit 1 and bit 4 set, bits 0 and 7 clear (0x12 when all is well).
    /// Which `n` it answers is known only from the order of the requests.
    case realTimeStatus(UInt8)
    /// An automatic status back block: a first byte with bit 4 set and bits 0, 1, 7 clear, then three
    /// bytes with bits 4 and 7 clear.
    case automaticStatus(AutomaticStatusBlock)
    /// A `GS r 1` paper sensor reply: bits 4-7 clear. It comes once the data before the request has
    /// been processed.
    case paperSensor(UInt8)
    /// A byte that fits none of these (XON/XOFF, noise on the line); skipped.
    case unrecognised(UInt8)

    /// Whether `byte` has the real-time status pattern `0xx1 xx10`.
    public static func isRealTimeStatus(_ byte: UInt8) -> Bool {
        byte & 0x93 == 0x12
    }

    /// Whether `byte` can start an automatic status back block: `0xx1 xx00`.
    public static func isAutomaticStatusHeader(_ byte: UInt8) -> Bool {
        byte & 0x93 == 0x10
    }

    /// Whether `byte` can be byte 2, 3 or 4 of an automatic status back block: `0xx0 xxxx`.
    public static func isAutomaticStatusBody(_ byte: UInt8) -> Bool {
        byte & 0x90 == 0x00
    }

    /// Whether `byte` can be a `GS r 1` reply: `0000 xxxx`.
    public static func isPaperSensor(_ byte: UInt8) -> Bool {
        byte & 0xF0 == 0x00
    }
}

extension ByteBuffer {
    /// Reads the next reply; nil when more bytes are needed (only an automatic status back block
    /// spans several bytes). Never throws: a byte that fits no pattern is `.unrecognised`.
    public mutating func readPrinterReply() -> PrinterReply? {
        guard let first = getInteger(at: readerIndex, as: UInt8.self) else { return nil }
        if PrinterReply.isRealTimeStatus(first) {
            moveReaderIndex(forwardBy: 1)
            return .realTimeStatus(first)
        }
        if PrinterReply.isAutomaticStatusHeader(first) {
            // Stop at the first byte that cannot belong to the block rather than wait for three.
            for offset in 1..<4 {
                guard let byte = getInteger(at: readerIndex + offset, as: UInt8.self) else { return nil }
                guard PrinterReply.isAutomaticStatusBody(byte) else {
                    moveReaderIndex(forwardBy: 1)
                    return .unrecognised(first)
                }
            }
            let bytes = readBytes(length: 4)!
            return .automaticStatus(AutomaticStatusBlock(bytes[0], bytes[1], bytes[2], bytes[3]))
        }
        moveReaderIndex(forwardBy: 1)
        return PrinterReply.isPaperSensor(first) ? .paperSensor(first) : .unrecognised(first)
    }

    /// Writes `reply` as the printer sends it; returns the bytes written.
    @discardableResult
    public mutating func writePrinterReply(_ reply: PrinterReply) -> Int {
        switch reply {
        case .realTimeStatus(let byte), .paperSensor(let byte), .unrecognised(let byte):
            writeInteger(byte)
        case .automaticStatus(let block):
            writeBytes(block.bytes)
        }
    }
}
