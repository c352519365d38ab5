import Foundation

/// GBK (name fields) to text through Foundation's GB 18030 decoder.
///
/// Swift's Foundation on Linux decodes `String.Encoding(rawValue: 0x8000_0632)` (CoreFoundation's
/// `kCFStringEncodingGB_18030_2000` as an NSStringEncoding; `CFStringConvertEncodingToNSStringEncoding`
/// itself is not exposed on Linux). GB 18030 is a superset of GBK, so every GBK name decodes.
public enum GBKText {
    /// GB 18030-2000 as a `String.Encoding`.
    public static let encoding = String.Encoding(rawValue: 0x8000_0632)

    /// `bytes` as text, nil when they are not GBK/GB 18030.
    public static func decode(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "" }
        guard let text = String(data: Data(bytes), encoding: encoding), !text.contains("\u{FFFD}") else { return nil }
        return text
    }

    /// `text` in GB 18030 (the virtual card and tests use it), nil when it cannot be encoded.
    public static func encode(_ text: String) -> [UInt8]? {
        text.data(using: encoding).map { Array($0) }
    }
}
