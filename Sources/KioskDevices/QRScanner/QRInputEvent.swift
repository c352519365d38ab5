import NIOCore

/// One evdev event, `struct input_event` of linux/input.h: a timestamp, a type, a code and a value.
///
/// The layout is declared here once (`ByteBuffer.readQRInputEvent()`): on 64-bit Linux a `struct timeval` of two
/// longs (seconds, microseconds), then `__u16 type`, `__u16 code`, `__s32 value`, in host byte order: 24 bytes.
public struct QRInputEvent: Sendable, Equatable, Hashable {
    /// Seconds of the kernel's timestamp.
    public var seconds: Int
    /// Microseconds of the kernel's timestamp.
    public var microseconds: Int
    public var type: UInt16
    public var code: UInt16
    public var value: Int32

    public init(seconds: Int = 0, microseconds: Int = 0, type: UInt16, code: UInt16, value: Int32) {
        self.seconds = seconds
        self.microseconds = microseconds
        self.type = type
        self.code = code
        self.value = value
    }

    /// Bytes of one event on this machine: two longs, two shorts and an int.
    public static let size = 2 * MemoryLayout<Int>.size + 8

    /// `EV_SYN`: the end of a batch of events.
    public static let synchronization: UInt16 = 0x00
    /// `EV_KEY`: a key went down (value 1), up (0) or repeats (2).
    public static let key: UInt16 = 0x01
    /// `EV_MSC`: miscellaneous, e.g. the HID scan code sent before each key.
    public static let miscellaneous: UInt16 = 0x04

    /// A key event: `type` EV_KEY, `value` 1 for down, 0 for up.
    public static func key(_ code: UInt16, down: Bool, at microseconds: Int = 0) -> QRInputEvent {
        QRInputEvent(
            seconds: microseconds / 1_000_000, microseconds: microseconds % 1_000_000,
            type: key, code: code, value: down ? 1 : 0)
    }

    /// The timestamp in microseconds.
    public var time: Int { seconds * 1_000_000 + microseconds }
}

extension ByteBuffer {
    /// Reads one `struct input_event`, or returns nil (reading nothing) when fewer than `QRInputEvent.size` bytes are left.
    public mutating func readQRInputEvent() -> QRInputEvent? {
        guard readableBytes >= QRInputEvent.size else { return nil }
        guard let seconds = readInteger(endianness: .host, as: Int.self),
            let microseconds = readInteger(endianness: .host, as: Int.self),
            let type = readInteger(endianness: .host, as: UInt16.self),
            let code = readInteger(endianness: .host, as: UInt16.self),
            let value = readInteger(endianness: .host, as: Int32.self)
        else { return nil }
        return QRInputEvent(seconds: seconds, microseconds: microseconds, type: type, code: code, value: value)
    }

    /// Writes one `struct input_event` as the kernel lays it out; returns the bytes written.
    @discardableResult
    public mutating func writeQRInputEvent(_ event: QRInputEvent) -> Int {
        writeInteger(event.seconds, endianness: .host)
            + writeInteger(event.microseconds, endianness: .host)
            + writeInteger(event.type, endianness: .host)
            + writeInteger(event.code, endianness: .host)
            + writeInteger(event.value, endianness: .host)
    }
}
