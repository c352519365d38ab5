import Crypto
import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// The per-install secret that turns a citizen's identity into the audit table's `citizen_key` (HMAC-SHA256).
///
/// 32 random bytes in `<state folder>/audit.key`, made on first start with mode 0600. The same citizen gets the same
/// key on this kiosk and a different one on any other install; the clear identity never reaches the database. The
/// secret is never logged: `description` and the mirror show nothing of it.
public struct AuditSecret: Sendable, CustomStringConvertible, CustomReflectable {
    /// The file's name in the state folder.
    public static let fileName = "audit.key"
    /// The secret's length in bytes.
    public static let length = 32

    private let key: SymmetricKey

    /// A secret from its 32 bytes.
    public init(bytes: [UInt8], path: String = "(memory)") throws(AuditSecretError) {
        guard bytes.count == Self.length else { throw .malformed(path: path, length: bytes.count) }
        key = SymmetricKey(data: bytes)
    }

    /// A new random secret (not saved).
    public static func random() -> AuditSecret {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return try! AuditSecret(bytes: bytes)  // exactly `length` bytes
    }

    /// The audit key of one identity: hex HMAC-SHA256 of `kind:value` (`id:990101…`, `voucher:MIQR1…`, `case:2026…`).
    public func key(kind: CitizenKeyKind, value: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(kind.rawValue):\(value)".utf8), using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// The audit key of the session's `identity` document (see `IdentifyStep`); nil when it identifies no one.
    ///
    /// ID card and social-security card both key the citizen's ID number (the social-security number is the ID
    /// number), so one citizen has one key whichever card was used. An e-voucher keys the voucher code, a case
    /// number the case: neither says who the citizen is.
    public func citizenKey(for identity: JSONValue) -> String? {
        if let number = identity["idNumber"]?.stringValue, !number.isEmpty { return key(kind: .idNumber, value: number.uppercased()) }
        if let voucher = identity["voucher"]?.stringValue, !voucher.isEmpty { return key(kind: .voucher, value: voucher) }
        if let number = identity["caseNumber"]?.stringValue, !number.isEmpty { return key(kind: .caseNumber, value: number.uppercased()) }
        return nil
    }

    public var description: String { "AuditSecret(redacted)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// What an audit key was made from (the prefix hashed with the value, so that kinds never collide).
public enum CitizenKeyKind: String, Sendable {
    /// The citizen's ID number (from the ID card, or the social-security number on the card).
    case idNumber = "id"
    /// A medical-insurance e-voucher code.
    case voucher
    /// A case or certificate number.
    case caseNumber = "case"
}
