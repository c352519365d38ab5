/// Why the ID-card emulator could not start or do what it was asked.
public enum IDCardEmulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// openpty or a call on its descriptors failed.
    case pseudoTerminal(String)
    /// The link path exists and is not a symbolic link (the emulator replaces only links).
    case linkPathTaken(String)
    /// The link could not be made.
    case link(path: String, reason: String)
    /// No card by that name.
    case unknownCard(String, known: [String])

    public var description: String {
        switch self {
        case .pseudoTerminal(let reason):
            "could not make a pseudo-terminal for the ID-card emulator: \(reason)"
        case .linkPathTaken(let path):
            "\(path) exists and is not a symbolic link: choose another --pty path or remove it"
        case .link(let path, let reason):
            "could not link \(path) to the emulator's pseudo-terminal: \(reason)"
        case .unknownCard(let name, let known):
            "no emulated card named \(name); known: \(known.joined(separator: ", "))"
        }
    }
}
