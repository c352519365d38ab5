/// Fonts and sizes of a rendered certificate (fonts from Debian's fonts-noto-cjk).
public struct CertificateStyle: Sendable, Equatable {
    /// Title font family.
    public var serifFamily: String
    /// Body font family.
    public var sansFamily: String
    public var titleSize: Double
    public var bodySize: Double
    public var tableSize: Double
    /// Side of the QR code in points.
    public var qrSide: Double

    public init(serifFamily: String = "Noto Serif CJK SC", sansFamily: String = "Noto Sans CJK SC", titleSize: Double = 24, bodySize: Double = 12, tableSize: Double = 10.5, qrSide: Double = 96) {
        self.serifFamily = serifFamily
        self.sansFamily = sansFamily
        self.titleSize = titleSize
        self.bodySize = bodySize
        self.tableSize = tableSize
        self.qrSide = qrSide
    }
}
