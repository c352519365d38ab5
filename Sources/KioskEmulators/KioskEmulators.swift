/// Emulators: the far ends of real transports (pseudo-terminals, vpcd) and sandbox department backends.
///
/// The layer is laid out in ../shared/DESIGN.md; its contents arrive with the issues that build on the foundation.
public enum KioskEmulators {
    /// The layer's name, as used in log labels.
    public static let name = "KioskEmulators"
}
