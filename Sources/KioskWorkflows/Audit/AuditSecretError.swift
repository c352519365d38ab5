/// Why the audit secret could not be used; kioskd does not start without it (exit 73).
public enum AuditSecretError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Other users may read or write the file.
    case tooOpen(path: String, mode: UInt32)
    /// The file is not 32 bytes long.
    case malformed(path: String, length: Int)
    /// The path is a link, a folder or something else than a regular file.
    case notAFile(path: String)
    /// The file exists but could not be read.
    case cannotRead(path: String, reason: String)
    /// The file could not be made.
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case .tooOpen(let path, let mode):
            "the audit secret \(path) has mode \(String(mode, radix: 8)), so other users may read it; run `chmod 600 \(path)` (and check who read it: audit keys are only as private as this file)"
        case .malformed(let path, let length):
            "the audit secret \(path) holds \(length) bytes instead of 32; restore it from a backup, or delete it to make a new one (audit keys of earlier sessions then no longer match)"
        case .notAFile(let path):
            "the audit secret \(path) is not a regular file (a link or a folder); move it away so that kioskd makes a new one, or restore the file from a backup"
        case .cannotRead(let path, let reason):
            "cannot read the audit secret \(path): \(reason); check that kioskd's user owns it"
        case .cannotCreate(let path, let reason):
            "cannot create the audit secret \(path): \(reason); check that kioskd's user may write the state folder and that the disk is not full"
        }
    }
}
