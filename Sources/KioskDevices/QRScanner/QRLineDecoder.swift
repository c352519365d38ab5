/// The serial scanner's codec: bytes from the line in, one event per terminated code out.
///
/// - A code ends at the profile's terminator (`cr`, `lf` or `crlf`).
/// - Stray CR and LF bytes at either end of a line are dropped and empty lines are skipped, so a lone CR or LF at
///   power-up, or a scanner that sends CRLF where the profile says `lf` (or `cr`), still gives clean codes.
/// - A code longer than `maxLength` bytes is rejected as soon as it overflows, and the rest of it, up to the next
///   terminator, is dropped; the code after it is read normally.
/// - A code that is not UTF-8 is rejected. Rejections carry lengths only, never bytes.
///
/// Feed bytes with `append(_:)`, then call `next()` until it returns nil (more bytes needed).
public struct QRLineDecoder: Sendable {
    public let terminator: QRScannerTerminator
    public let maxLength: Int

    /// Bytes of the code under way (and perhaps the start of a terminator).
    private var pending: [UInt8] = []
    /// True after an overflow, until the terminator that ends the rejected code.
    private var discarding = false

    /// The most bytes a line may hold before it counts as too long: the code, a stray CR/LF and part of the terminator.
    private var overflowLimit: Int { maxLength + 2 }

    public init(terminator: QRScannerTerminator, maxLength: Int) {
        self.terminator = terminator
        self.maxLength = max(1, maxLength)
    }

    /// Adds bytes read from the line.
    public mutating func append(_ bytes: some Sequence<UInt8>) {
        pending.append(contentsOf: bytes)
    }

    /// The next code or rejection, or nil when more bytes are needed.
    public mutating func next() -> QRScannerEvent? {
        while true {
            dropLeadingLineEnds()
            guard let end = pending.firstRange(of: terminator.bytes) else {
                return overflow()
            }
            var line = Array(pending[..<end.lowerBound])
            pending.removeSubrange(..<end.upperBound)
            if discarding {
                discarding = false
                continue
            }
            while let last = line.last, Self.isLineEnd(last) { line.removeLast() }
            if line.isEmpty { continue }
            return Self.event(for: line, maxLength: maxLength)
        }
    }

    /// The number of bytes of an unfinished code being held (0 between codes, and while a rejected code is dropped).
    public var partialLength: Int {
        discarding ? 0 : pending.count
    }

    /// Drops the unfinished code after `silence` without its terminator; returns the rejection, or nil when none was held.
    public mutating func dropPartialCode(after silence: Duration) -> QRScannerEvent? {
        let length = partialLength
        pending.removeAll()
        discarding = false
        return length > 0 ? .rejected(.incompleteCode(length: length, after: silence)) : nil
    }

    /// The event for a complete line with its line ends removed.
    static func event(for line: [UInt8], maxLength: Int) -> QRScannerEvent {
        guard line.count <= maxLength else {
            return .rejected(.codeTooLong(limit: maxLength))
        }
        guard let text = String(validating: line, as: UTF8.self) else {
            return .rejected(.notUTF8(length: line.count))
        }
        return .scanned(ScannedCode(text: text))
    }

    /// With no terminator in sight: rejects a line that has grown too long, or drops more of a rejected one.
    private mutating func overflow() -> QRScannerEvent? {
        // Keep what could be the start of a terminator split across reads.
        let kept = terminator.bytes.count - 1
        if discarding {
            pending.removeFirst(max(0, pending.count - kept))
            return nil
        }
        guard pending.count > overflowLimit else { return nil }
        pending.removeFirst(pending.count - kept)
        discarding = true
        return .rejected(.codeTooLong(limit: maxLength))
    }

    /// Drops CR and LF bytes that start a line: leftovers of another terminator, or noise at power-up.
    private mutating func dropLeadingLineEnds() {
        guard !discarding else { return }
        let stray = pending.prefix { Self.isLineEnd($0) }.count
        if stray > 0 { pending.removeFirst(stray) }
    }

    private static func isLineEnd(_ byte: UInt8) -> Bool {
        byte == 0x0D || byte == 0x0A
    }
}
