/// Splits the host's byte stream into commands (Epson ESC/POS reference command lengths): pure,
/// one command at a time. Commands it does not model are skipped by their known length so that
/// what follows them (text, a QR payload) is still read right.
public enum ESCPOSStreamParser {
    public typealias Parsed = (command: ESCPOSStreamCommand, length: Int)

    /// The first command in `bytes` and how many bytes it takes; nil when `bytes` ends inside it.
    public static func next(_ bytes: ArraySlice<UInt8>) -> Parsed? {
        let input = Input(bytes: bytes)
        guard let first = input[0] else { return nil }
        switch first {
        case 0x0A: return (.lineFeed, 1)
        case 0x0D: return (.carriageReturn, 1)
        case 0x1B: return escape(input)
        case 0x1D: return groupSeparator(input)
        case 0x1C: return fileSeparator(input)
        case 0x10: return dataLinkEscape(input)
        case 0x20...:
            let end = bytes.firstIndex { $0 < 0x20 } ?? bytes.endIndex
            return (.text(Array(bytes[bytes.startIndex..<end])), end - bytes.startIndex)
        default: return (.other([first]), 1)
        }
    }

    /// `ESC x …`.
    private static func escape(_ input: Input) -> Parsed? {
        guard let command = input[1] else { return nil }
        switch command {
        case 0x40: return (.initialise, 2)
        case 0x21:
            guard let n = input[2] else { return nil }
            return (.printMode(n), 3)
        case 0x45, 0x47:
            guard let n = input[2] else { return nil }
            return (.bold(n & 1 == 1), 3)
        case 0x61:
            guard let n = input[2] else { return nil }
            return (.alignment(n & 0x03), 3)
        case 0x64:
            guard let n = input[2] else { return nil }
            return (.feedLines(Int(n)), 3)
        case 0x32, 0x69, 0x6D, 0x4C, 0x53, 0x3C: return input.skip(2)
        case 0x33, 0x2D, 0x4A, 0x4D, 0x52, 0x56, 0x65, 0x74, 0x7B, 0x20, 0x55, 0x25, 0x3D, 0x3F, 0x54, 0x4B, 0x72:
            return input.skip(3)
        case 0x24, 0x5C, 0x63: return input.skip(4)
        case 0x70: return input.skip(5)
        case 0x57: return input.skip(10)
        case 0x2A:  // ESC * m nL nH: bit image, 3 bytes a column in 24-dot modes
            guard let mode = input[2], let columns = input.word(at: 3) else { return nil }
            return input.skip(5 + columns * (mode >= 32 ? 3 : 1))
        default: return input.skip(2)
        }
    }

    /// `GS x …`.
    private static func groupSeparator(_ input: Input) -> Parsed? {
        guard let command = input[1] else { return nil }
        switch command {
        case 0x21:
            guard let n = input[2] else { return nil }
            return (.characterSize(width: Int(n >> 4 & 0x07) + 1, height: Int(n & 0x07) + 1), 3)
        case 0x61:
            guard let n = input[2] else { return nil }
            return (.automaticStatusBack(n), 3)
        case 0x72:
            guard let n = input[2] else { return nil }
            return (.transmitStatus(n), 3)
        case 0x56:
            guard let mode = input[2] else { return nil }
            let length = [65, 66, 97, 98, 103, 104].contains(mode) ? 4 : 3
            guard input.has(length) else { return nil }
            return (.cut(partial: [1, 49, 66, 98, 104].contains(mode)), length)
        case 0x28:  // GS ( fn pL pH …
            guard let count = input.word(at: 3) else { return nil }
            let length = 5 + count
            guard input.has(length) else { return nil }
            guard input[2] == 0x6B, count >= 2, input[5] == 0x31, let function = input[6] else { return input.skip(length) }
            return (.qrCode(function: function, parameters: input.bytes(from: 7, to: length)), length)
        case 0x6B:  // GS k m …: barcode, NUL-terminated (m 0…6) or counted
            guard let mode = input[2] else { return nil }
            if mode <= 6 {
                guard let end = input.firstIndex(of: 0, from: 3) else { return nil }
                return input.skip(end + 1)
            }
            guard let count = input[3] else { return nil }
            return input.skip(4 + Int(count))
        case 0x76:  // GS v 0 m xL xH yL yH: raster image
            guard let width = input.word(at: 4), let height = input.word(at: 6) else { return nil }
            return input.skip(8 + width * height)
        case 0x2A:
            guard let x = input[2], let y = input[3] else { return nil }
            return input.skip(4 + Int(x) * Int(y) * 8)
        case 0x42, 0x48, 0x66, 0x68, 0x77, 0x2F, 0x49, 0x62, 0x45, 0x3A: return input.skip(3)
        case 0x4C, 0x57, 0x50, 0x5C: return input.skip(4)
        case 0x5E: return input.skip(5)
        default: return input.skip(2)
        }
    }

    /// `FS x …`.
    private static func fileSeparator(_ input: Input) -> Parsed? {
        guard let command = input[1] else { return nil }
        switch command {
        case 0x26: return (.chineseMode(true), 2)
        case 0x2E: return (.chineseMode(false), 2)
        case 0x21, 0x2D, 0x57, 0x43: return input.skip(3)
        case 0x53, 0x70: return input.skip(4)
        case 0x28:
            guard let count = input.word(at: 3) else { return nil }
            return input.skip(5 + count)
        default: return input.skip(2)
        }
    }

    /// `DLE x …`: real-time commands, already acted on when received.
    private static func dataLinkEscape(_ input: Input) -> Parsed? {
        guard let command = input[1] else { return nil }
        let length: Int
        switch command {
        case 0x04:
            guard let n = input[2] else { return nil }
            length = n == 7 || n == 8 ? 4 : 3
        case 0x05: length = 3
        case 0x14: length = 5
        default: return (.other([0x10]), 1)
        }
        guard input.has(length) else { return nil }
        return (.realTime(input.bytes(from: 0, to: length)), length)
    }

    /// The bytes being parsed, by offset from the command's first byte.
    private struct Input {
        let bytes: ArraySlice<UInt8>

        subscript(offset: Int) -> UInt8? {
            bytes.startIndex + offset < bytes.endIndex ? bytes[bytes.startIndex + offset] : nil
        }

        func has(_ length: Int) -> Bool {
            bytes.count >= length
        }

        /// The little-endian 16-bit value at `offset`.
        func word(at offset: Int) -> Int? {
            guard let low = self[offset], let high = self[offset + 1] else { return nil }
            return Int(low) + Int(high) * 256
        }

        func bytes(from start: Int, to end: Int) -> [UInt8] {
            Array(bytes[(bytes.startIndex + start)..<(bytes.startIndex + end)])
        }

        func firstIndex(of byte: UInt8, from offset: Int) -> Int? {
            guard bytes.count > offset else { return nil }
            return bytes[(bytes.startIndex + offset)...].firstIndex(of: byte).map { $0 - bytes.startIndex }
        }

        /// A command the emulator does not model, `length` bytes long.
        func skip(_ length: Int) -> Parsed? {
            has(length) ? (.other(Array(bytes.prefix(min(length, 8)))), length) : nil
        }
    }
}
