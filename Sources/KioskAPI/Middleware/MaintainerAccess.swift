import Crypto
import KioskCore

/// Who may use the maintenance endpoints on one listener.
public enum MaintainerAccess: Sendable {
    /// The Unix socket: its file mode (0660, group kioskd) decides who connects, so every caller is a maintainer.
    case local
    /// TCP: a request that changes something needs `Authorization: Bearer TOKEN` of one of these maintainers.
    case bearerToken([Maintainer])

    /// The maintainer whose token this is, comparing SHA-256 digests in constant time; nil when none matches.
    static func maintainer(presenting token: String, among maintainers: [Maintainer]) -> Maintainer? {
        let digest = Array(SHA256.hash(data: Array(token.utf8)))
        var found: Maintainer?
        for maintainer in maintainers {
            guard let expected = Self.bytes(hex: maintainer.tokenSHA256), expected.count == digest.count else { continue }
            var difference: UInt8 = 0
            for index in digest.indices { difference |= digest[index] ^ expected[index] }
            if difference == 0, found == nil { found = maintainer }
        }
        return found
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
            index += 2
        }
        return bytes
    }
}
