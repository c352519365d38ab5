import CQREncode

/// A QR code's modules from libqrencode (byte mode, level M).
public struct QRMatrix: Sendable, Equatable {
    /// Modules per side.
    public let size: Int
    /// Row-major, true for a dark module.
    public let modules: [Bool]

    /// Encodes `payload`; throws when it does not fit.
    public init(encoding payload: String, level: QRecLevel = QR_ECLEVEL_M) throws(CertificateError) {
        guard let code = QRcode_encodeString8bit(payload, 0, level) else { throw .qrEncodingFailed(length: payload.utf8.count) }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        self.size = size
        self.modules = (0..<(size * size)).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }
}
