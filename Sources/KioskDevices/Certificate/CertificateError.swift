/// Why a certificate cannot be rendered, with what to fix.
public enum CertificateError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingVerificationCode
    case missingQRPayload
    case missingTitle
    case emptyTable(index: Int)
    case raggedTable(index: Int, row: Int, expected: Int, found: Int)
    /// libqrencode could not encode the payload (too long for a QR code).
    case qrEncodingFailed(length: Int)
    /// cairo reported an error while drawing (font or memory trouble).
    case renderingFailed(String)

    public var description: String {
        switch self {
        case .missingVerificationCode: "the certificate has no verification code — the department's answer is incomplete"
        case .missingQRPayload: "the certificate has no QR payload — the department's answer is incomplete"
        case .missingTitle: "the certificate has no title"
        case .emptyTable(let index): "table \(index + 1) has no columns"
        case .raggedTable(let index, let row, let expected, let found):
            "row \(row + 1) of table \(index + 1) has \(found) cells for \(expected) columns — the department's answer is malformed"
        case .qrEncodingFailed(let length): "a \(length)-byte QR payload does not fit a QR code — shorten the verification URL"
        case .renderingFailed(let detail): "the certificate could not be drawn (\(detail)) — check that fonts-noto-cjk is installed"
        }
    }
}
