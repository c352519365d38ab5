/// Device families: codecs, drivers and health probes of each device family (one folder per family).
///
/// The layer is laid out in ../shared/DESIGN.md; its contents arrive with the issues that build on the foundation.
public enum KioskDevices {
    /// The layer's name, as used in log labels.
    public static let name = "KioskDevices"
}
