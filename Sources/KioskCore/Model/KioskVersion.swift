/// The version of kioskd and of its HTTP API.
public enum KioskVersion {
    /// Release version of kioskd.
    public static let current = "0.1.0"
    /// Version prefix of the HTTP API.
    public static let api = "v1"
}
