import Glibc

/// GB18030 through glibc's iconv (Swift on Linux has no GB18030 `String.Encoding`).
///
/// A converter holds one iconv descriptor; it is not thread-safe, so each encoding pass makes its own.
public final class GB18030 {
    /// What one character becomes.
    public enum Encoding: Equatable, Sendable {
        /// ASCII or a 2-byte code: the printer's Chinese mode prints it.
        case printable([UInt8])
        /// A 4-byte code (a character outside GBK: CJK extension B such as 𠀀, emoji…), which the
        /// printer's Chinese mode cannot print.
        case fourByte([UInt8])
        /// Not convertible at all.
        case unconvertible
    }

    private let descriptor: iconv_t

    /// A converter from `source` to `target` (iconv names), or nil when glibc lacks the module.
    private init?(from source: String, to target: String) {
        guard let descriptor = iconv_open(target, source), Int(bitPattern: descriptor) != -1 else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        iconv_close(descriptor)
    }

    /// A UTF-8 → GB18030 converter.
    public static func encoder() -> GB18030? {
        GB18030(from: "UTF-8", to: "GB18030")
    }

    /// A GB18030 → UTF-8 converter.
    public static func decoder() -> GB18030? {
        GB18030(from: "GB18030", to: "UTF-8")
    }

    /// `character` in GB18030 (with an encoder).
    public func encode(_ character: Character) -> Encoding {
        guard let bytes = convert(Array(character.utf8)).complete else { return .unconvertible }
        return Self.isPrintable(bytes) ? .printable(bytes) : .fourByte(bytes)
    }

    /// UTF-8 `utf8` in GB18030 (with an encoder), or nil when a character in it has no 1- or 2-byte code.
    public func encodePrintable(_ utf8: ArraySlice<UInt8>) -> [UInt8]? {
        guard let bytes = convert(utf8).complete, Self.isPrintable(bytes) else { return nil }
        return bytes
    }

    /// `bytes` as text (with a decoder); bytes that are not GB18030 become U+FFFD.
    public func decode(_ bytes: [UInt8]) -> String {
        String(decoding: convert(bytes).output, as: UTF8.self)
    }

    /// Whether every code in GB18030 `bytes` is one or two bytes long (a 4-byte code has 0x30…0x39 second).
    public static func isPrintable(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            if bytes[index] < 0x80 {
                index += 1
            } else if index + 1 < bytes.count, !(0x30...0x39).contains(bytes[index + 1]) {
                index += 2
            } else {
                return false
            }
        }
        return true
    }

    /// Converts `input`; an invalid or incomplete sequence becomes U+FFFD in the output and makes
    /// `complete` nil.
    private func convert(_ input: some Collection<UInt8>) -> (output: [UInt8], complete: [UInt8]?) {
        _ = iconv(descriptor, nil, nil, nil, nil)
        var output: [UInt8] = []
        var clean = true
        var source = input.map { CChar(bitPattern: $0) }
        var chunk = [CChar](repeating: 0, count: max(16, input.count * 4))
        source.withUnsafeMutableBufferPointer { sourceBuffer in
            chunk.withUnsafeMutableBufferPointer { chunkBuffer in
                var inPointer = sourceBuffer.baseAddress
                var inLeft = sourceBuffer.count
                while inLeft > 0 {
                    var outPointer = chunkBuffer.baseAddress
                    var outLeft = chunkBuffer.count
                    let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
                    let produced = chunkBuffer.count - outLeft
                    output.append(contentsOf: UnsafeRawBufferPointer(start: chunkBuffer.baseAddress, count: produced))
                    guard result == -1 else { break }
                    switch errno {
                    case E2BIG:
                        continue
                    case EILSEQ:
                        clean = false
                        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                    default:  // EINVAL: an incomplete sequence at the end
                        clean = false
                        output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                        inLeft = 0
                    }
                }
            }
        }
        return (output, clean ? output : nil)
    }
}
