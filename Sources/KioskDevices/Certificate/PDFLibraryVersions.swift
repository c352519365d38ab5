import CPangoCairo
import CQREncode

/// The versions of the C libraries that render A4 certificates, for `kioskd --version` and diagnostics.
public enum PDFLibraryVersions {
    /// pango, cairo and libqrencode versions, e.g. `pango 1.50.12, cairo 1.16.0, qrencode 4.1.1`.
    public static var summary: String {
        var major: Int32 = 0, minor: Int32 = 0, micro: Int32 = 0
        QRcode_APIVersion(&major, &minor, &micro)
        return "pango \(String(cString: pango_version_string())), cairo \(String(cString: cairo_version_string())), qrencode \(major).\(minor).\(micro)"
    }
}
