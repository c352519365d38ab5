/// The keyboard-mode scanner's state machine: evdev events in, one event per code (ended by Enter) out.
///
/// Key-down events of character keys are mapped with `QRKeymap` (shift and caps lock applied); key-up, repeat,
/// EV_SYN and EV_MSC events only move the modifier state. A character typed with Ctrl, Alt or Meta held, or a key
/// with no character, rejects the code (`.unmappedKey`); more than `maxLength` characters reject it
/// (`.codeTooLong`). A rejected code is reported when its Enter comes.
///
/// A scanner types a whole code in one burst. When more than `partialCodeTimeout` passes (by the events' own kernel
/// timestamps) between a key of an unfinished code and the next key, the unfinished part is rejected
/// (`.incompleteCode`) and the new key starts a new code. The clock is the events', so this is tested without sleeping.
public struct QRKeystrokeDecoder: Sendable {
    public let maxLength: Int
    public let partialCodeTimeout: Duration

    private var shiftsHeld: Set<UInt16> = []
    private var otherModifiersHeld: Set<UInt16> = []
    private var capsLock = false
    /// The characters of the code under way.
    private var pending = ""
    /// Why the code under way will be rejected at its Enter, once that is known.
    private var rejection: QRScannerError?
    /// The timestamp of the last key-down of the code under way.
    private var lastKeyTime: Int?

    public init(maxLength: Int, partialCodeTimeout: Duration = .seconds(2)) {
        self.maxLength = max(1, maxLength)
        self.partialCodeTimeout = partialCodeTimeout
    }

    /// Takes one event; returns a code or a rejection when one ends here.
    public mutating func decode(_ event: QRInputEvent) -> QRScannerEvent? {
        guard event.type == QRInputEvent.key else { return nil }
        let code = event.code
        let down = event.value != 0
        if QRKeymap.shiftKeys.contains(code) {
            if down { shiftsHeld.insert(code) } else { shiftsHeld.remove(code) }
            return nil
        }
        if QRKeymap.otherModifierKeys.contains(code) {
            if down { otherModifiersHeld.insert(code) } else { otherModifiersHeld.remove(code) }
            return nil
        }
        // Only a fresh key-down types: key-ups and auto-repeats (value 2) do not.
        guard event.value == 1, !QRKeymap.ignoredKeys.contains(code) else { return nil }
        if code == QRKeymap.capsLockKey {
            capsLock.toggle()
            return nil
        }

        let stale = dropStalePartialCode(at: event.time)
        lastKeyTime = event.time
        if QRKeymap.enterKeys.contains(code) {
            return stale ?? endCode()
        }
        type(code)
        return stale
    }

    /// Decodes a run of events; the pure form of what the driver does with each batch it reads.
    public mutating func decode(_ events: some Sequence<QRInputEvent>) -> [QRScannerEvent] {
        events.compactMap { decode($0) }
    }

    /// Decodes a whole event table from a fresh state.
    public static func decode(_ events: some Sequence<QRInputEvent>, maxLength: Int = 2048) -> [QRScannerEvent] {
        var decoder = QRKeystrokeDecoder(maxLength: maxLength)
        return decoder.decode(events)
    }

    private mutating func type(_ code: UInt16) {
        guard rejection == nil else { return }
        var shifted = !shiftsHeld.isEmpty
        if capsLock && QRKeymap.isLetter(code) { shifted.toggle() }
        guard otherModifiersHeld.isEmpty, let character = QRKeymap.character(for: code, shifted: shifted) else {
            reject(.unmappedKey(code: code))
            return
        }
        pending.append(character)
        if pending.count > maxLength {
            reject(.codeTooLong(limit: maxLength))
        }
    }

    private mutating func endCode() -> QRScannerEvent? {
        defer { reset() }
        if let rejection { return .rejected(rejection) }
        return pending.isEmpty ? nil : .scanned(ScannedCode(text: pending))
    }

    /// Rejects the unfinished code when the key at `time` comes too long after its last key.
    private mutating func dropStalePartialCode(at time: Int) -> QRScannerEvent? {
        guard let last = lastKeyTime, pending.count > 0 || rejection != nil else { return nil }
        let gap = Duration.microseconds(time - last)
        guard gap > partialCodeTimeout else { return nil }
        let event = QRScannerEvent.rejected(rejection ?? .incompleteCode(length: pending.count, after: partialCodeTimeout))
        reset()
        return event
    }

    private mutating func reject(_ error: QRScannerError) {
        rejection = error
        pending = ""  // a rejected code's characters are not kept
    }

    private mutating func reset() {
        pending = ""
        rejection = nil
        lastKeyTime = nil
    }
}
