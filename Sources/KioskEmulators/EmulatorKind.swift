/// The device emulators kioskd has; each sits on the far side of a real transport.
public enum EmulatorKind: String, Sendable, CaseIterable {
    /// GA 467 ID-card reader on a pseudo-terminal.
    case idcard
    /// ESC/POS receipt printer on a pseudo-terminal.
    case printer
    /// CR/LF QR scanner on a pseudo-terminal.
    case scanner
}
