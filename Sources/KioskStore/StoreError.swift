/// Why the store could not be opened or used, in words a maintainer can act on.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// The state folder could not be made.
    case cannotCreateDirectory(path: String, reason: String)
    /// SQLite could not open the database file.
    case cannotOpen(path: String, reason: String)
    /// A migration failed; the database is left as it was.
    case migrationFailed(path: String, reason: String)
    /// The database is newer than this kioskd (a downgrade).
    case unknownMigrations(path: String, names: [String])
    /// A read or write failed.
    case operationFailed(operation: String, reason: String)

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the state folder \(path): \(reason); check that it exists and that kioskd's user may write it"
        case .cannotOpen(let path, let reason):
            "cannot open the database \(path): \(reason); check free disk space and the file's owner"
        case .migrationFailed(let path, let reason):
            "cannot upgrade the database \(path): \(reason); the file was left unchanged, restore it from a backup or move it away"
        case .unknownMigrations(let path, let names):
            "the database \(path) was written by a newer kioskd (migrations \(names.joined(separator: ", "))); install that version again or move the file away"
        case .operationFailed(let operation, let reason):
            "database \(operation) failed: \(reason)"
        }
    }
}
