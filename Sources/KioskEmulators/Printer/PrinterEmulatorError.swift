/// Why the printer emulator could not start.
public enum PrinterEmulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// openpty failed.
    case noPseudoTerminal(errno: Int32)
    /// The link path exists and is not a symbolic link (the emulator replaces only links).
    case linkPathTaken(String)
    /// The link could not be made.
    case cannotLink(String, errno: Int32)
    /// The master side could not be read.
    case channelFailed(String)

    public var description: String {
        switch self {
        case .noPseudoTerminal(let code):
            "cannot open a pseudo-terminal (errno \(code)): check that /dev/ptmx exists and devpts is mounted"
        case .linkPathTaken(let path):
            "\(path) exists and is not a symbolic link: choose another --pty path or remove it"
        case .cannotLink(let path, let code):
            "cannot create the link \(path) (errno \(code)): check that its folder exists and is writable"
        case .channelFailed(let reason):
            "cannot read the pseudo-terminal: \(reason)"
        }
    }
}
