import KioskDevices
import NIOCore
import Testing

/// Keyboard mode from literal event tables: Linux key codes in, text out; no I/O.
@Suite("QR scanner keyboard-mode decoding")
struct QRScannerKeystrokeTests {
    /// Key codes of linux/input-event-codes.h.
    enum Key {
        static let k1: UInt16 = 2, k2: UInt16 = 3, k4: UInt16 = 5, k0: UInt16 = 11, minus: UInt16 = 12
        static let r: UInt16 = 19, t: UInt16 = 20, p: UInt16 = 25, a: UInt16 = 30, s: UInt16 = 31, h: UInt16 = 35
        static let n: UInt16 = 49, b: UInt16 = 48, c: UInt16 = 46
        static let semicolon: UInt16 = 39, dot: UInt16 = 52, slash: UInt16 = 53
        static let enter: UInt16 = 28, leftShift: UInt16 = 42, rightShift: UInt16 = 54, leftCtrl: UInt16 = 29
        static let capsLock: UInt16 = 58, f1: UInt16 = 59, kp7: UInt16 = 71, kpEnter: UInt16 = 96
    }

    /// A key pressed and released, each followed by EV_SYN, as the kernel reports a typed key.
    static func press(_ code: UInt16, at time: Int = 0) -> [QRInputEvent] {
        [
            QRInputEvent(microseconds: time, type: QRInputEvent.miscellaneous, code: 4, value: 0x7001E),
            .key(code, down: true, at: time), QRInputEvent(microseconds: time, type: 0, code: 0, value: 0),
            .key(code, down: false, at: time + 1), QRInputEvent(microseconds: time + 1, type: 0, code: 0, value: 0),
        ]
    }

    /// A key pressed with a shift key held.
    static func shifted(_ code: UInt16, shift: UInt16 = Key.leftShift, at time: Int = 0) -> [QRInputEvent] {
        [.key(shift, down: true, at: time)] + press(code, at: time) + [.key(shift, down: false, at: time + 2)]
    }

    static func codes(_ text: String...) -> [QRScannerEvent] {
        text.map { .scanned(ScannedCode(text: $0)) }
    }

    @Test("keycode → character for the US layout", arguments: [
        (Key.k1, false, Character("1")), (Key.k1, true, "!"), (Key.k0, false, "0"), (Key.k0, true, ")"),
        (Key.a, false, "a"), (Key.a, true, "A"), (Key.slash, false, "/"), (Key.slash, true, "?"),
        (Key.dot, false, "."), (Key.dot, true, ">"), (Key.semicolon, true, ":"), (Key.minus, false, "-"),
        (Key.minus, true, "_"), (Key.kp7, false, "7"),
    ])
    func keymap(code: UInt16, shifted: Bool, character: Character) {
        #expect(QRKeymap.character(for: code, shifted: shifted) == character)
    }

    @Test("keys that type nothing have no character", arguments: [Key.enter, Key.leftShift, Key.capsLock, Key.f1, UInt16(0), UInt16(500)])
    func keymapGaps(code: UInt16) {
        #expect(QRKeymap.character(for: code, shifted: false) == nil)
    }

    @Test("digits then Enter give a case number")
    func digits() {
        let events = Self.press(Key.k4) + Self.press(Key.k0) + Self.press(Key.k0) + Self.press(Key.k2) + Self.press(Key.enter)
        #expect(QRKeystrokeDecoder.decode(events) == Self.codes("4002"))
    }

    @Test("KEY_A with LEFTSHIFT is A, with RIGHTSHIFT too, and without is a")
    func shift() {
        let events = Self.shifted(Key.a) + Self.shifted(Key.a, shift: Key.rightShift) + Self.press(Key.a) + Self.press(Key.enter)
        #expect(QRKeystrokeDecoder.decode(events) == Self.codes("AAa"))
    }

    @Test("a link: letters, shifted ;, slashes and dots")
    func link() {
        var events = [Key.h, Key.t, Key.t, Key.p, Key.s].flatMap { Self.press($0) }
        events += Self.shifted(Key.semicolon) + Self.press(Key.slash) + Self.press(Key.slash)
        events += [Key.a, Key.dot, Key.c, Key.n, Key.slash, Key.k1].flatMap { Self.press($0) }
        events += Self.press(Key.enter)
        #expect(QRKeystrokeDecoder.decode(events) == Self.codes("https://a.cn/1"))
    }

    @Test("keypad Enter ends a code too, and a lone Enter gives nothing")
    func keypadEnter() {
        let events = Self.press(Key.enter) + Self.press(Key.k1) + Self.press(Key.kpEnter) + Self.press(Key.kpEnter)
        #expect(QRKeystrokeDecoder.decode(events) == Self.codes("1"))
    }

    @Test("caps lock flips letters, not digits; shift flips them back")
    func capsLock() {
        let events = Self.press(Key.capsLock) + Self.press(Key.n) + Self.shifted(Key.r) + Self.press(Key.k2)
            + Self.press(Key.capsLock) + Self.press(Key.b) + Self.press(Key.enter)
        #expect(QRKeystrokeDecoder.decode(events) == Self.codes("Nr2b"))
    }

    @Test("auto-repeat (value 2) types nothing")
    func autoRepeat() {
        let events = [QRInputEvent.key(Key.k1, down: true), QRInputEvent(type: QRInputEvent.key, code: Key.k1, value: 2),
                      .key(Key.k1, down: false)] + Self.press(Key.enter)
        #expect(QRKeystrokeDecoder.decode(events) == Self.codes("1"))
    }

    @Test("a key with no character rejects the code at its Enter, and the next code is read")
    func unmappedKey() {
        let events = Self.press(Key.k1) + Self.press(Key.f1) + Self.press(Key.k2) + Self.press(Key.enter)
            + Self.press(Key.k4) + Self.press(Key.enter)
        #expect(QRKeystrokeDecoder.decode(events) == [.rejected(.unmappedKey(code: Key.f1))] + Self.codes("4"))
    }

    @Test("a character typed with Ctrl held is not text")
    func control() {
        let events = [QRInputEvent.key(Key.leftCtrl, down: true)] + Self.press(Key.c) + [.key(Key.leftCtrl, down: false)]
            + Self.press(Key.enter)
        #expect(QRKeystrokeDecoder.decode(events) == [.rejected(.unmappedKey(code: Key.c))])
    }

    @Test("a code longer than max_length is rejected at its Enter, and the next code is read")
    func tooLong() {
        let events = Array(repeating: Self.press(Key.k1), count: 5).flatMap { $0 } + Self.press(Key.enter)
            + Self.press(Key.k2) + Self.press(Key.enter)
        #expect(QRKeystrokeDecoder.decode(events, maxLength: 4) == [.rejected(.codeTooLong(limit: 4))] + Self.codes("2"))
    }

    @Test("part of a code followed by more than two seconds without keys is dropped, by the events' own clock")
    func staleParts() {
        // Given "12" typed at t = 0, then "4" + Enter typed 3 s later.
        let events = Self.press(Key.k1, at: 0) + Self.press(Key.k2, at: 10_000)
            + Self.press(Key.k4, at: 3_010_000) + Self.press(Key.enter, at: 3_020_000)

        // Then "12" is rejected as incomplete when "4" comes, and "4" is a code of its own.
        #expect(QRKeystrokeDecoder.decode(events) == [.rejected(.incompleteCode(length: 2, after: .seconds(2)))] + Self.codes("4"))
    }

    @Test("struct input_event is 24 bytes in host order: timeval, type, code, value")
    func inputEventLayout() {
        // Given the bytes of KEY_A down at 1.000002 s (x86-64 and arm64 are little-endian).
        let bytes: [UInt8] = [
            0x01, 0, 0, 0, 0, 0, 0, 0,  // tv_sec 1
            0x02, 0, 0, 0, 0, 0, 0, 0,  // tv_usec 2
            0x01, 0x00,  // type EV_KEY
            0x1E, 0x00,  // code KEY_A (30)
            0x01, 0x00, 0x00, 0x00,  // value 1 (down)
        ]
        var buffer = ByteBuffer(bytes: bytes)

        // When read, then written back.
        let event = buffer.readQRInputEvent()
        var written = ByteBuffer()
        if let event { written.writeQRInputEvent(event) }

        // Then the fields are right, and the bytes are the same.
        #expect(QRInputEvent.size == 24)
        #expect(event == QRInputEvent(seconds: 1, microseconds: 2, type: 1, code: 30, value: 1))
        #expect(Array(written.readableBytesView) == bytes)
        #expect(buffer.readableBytes == 0)
    }

    @Test("fewer bytes than one event read nothing")
    func inputEventNeedsMore() {
        var buffer = ByteBuffer(bytes: [UInt8](repeating: 0, count: 23))
        #expect(buffer.readQRInputEvent() == nil)
        #expect(buffer.readableBytes == 23)
    }
}
