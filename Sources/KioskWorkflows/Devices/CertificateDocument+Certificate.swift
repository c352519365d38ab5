import Foundation
import KioskDevices

extension CertificateDocument {
    /// Row labels that name the holder: the row becomes the certificate's holder line instead of a row.
    static let nameLabels: Set<String> = ["姓名", "Name", "name"]
    /// Row labels that carry the holder's ID number (printed on the holder line, as the workflow masked it).
    static let idNumberLabels: Set<String> = ["身份证号", "身份证号码", "证件号码", "公民身份号码", "ID number", "ID Number"]

    /// The A4 printer's model of this document.
    ///
    /// - The kind comes from the title (有房/无房/缴存/结清/缴费证明); other titles print as 缴费证明's kind,
    ///   which only names the CUPS job: the printed title is always `title`.
    /// - A 姓名/Name row (and an ID-number row) becomes the holder line; the rest stay rows, in order.
    /// - The footer `"<kiosk>  <time>"` (as the print step writes it) gives the kiosk and the issue date.
    /// - The QR code holds `verificationURL`, or the verification code when there is no link.
    public var certificate: Certificate {
        var rows = self.rows
        var name = ""
        var idNumber: String?
        if let index = rows.firstIndex(where: { Self.nameLabels.contains($0.label) }) {
            name = rows.remove(at: index).value
        }
        if let index = rows.firstIndex(where: { Self.idNumberLabels.contains($0.label) }) {
            idNumber = rows.remove(at: index).value
        }
        let footerParts = footer.components(separatedBy: "  ")
        let kioskID = footerParts.first ?? footer
        let issuedOn = footerParts.dropFirst().joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        let code = verificationCode ?? ""
        return Certificate(
            kind: Self.kind(forTitle: title), title: title, issuer: issuer,
            holder: Certificate.Holder(name: name, idNumber: idNumber),
            rows: rows.map { (label: $0.label, value: $0.value) },
            tables: tables.map { Certificate.Table(caption: $0.title.isEmpty ? nil : $0.title, columns: $0.columns, rows: $0.rows) },
            kioskID: kioskID, issuedOn: issuedOn, verificationCode: code, qrPayload: verificationURL ?? code
        )
    }

    /// The CUPS job's reference: the verification code, never personal data.
    var jobReference: String { verificationCode ?? "certificate" }

    /// The certificate kind a title names.
    static func kind(forTitle title: String) -> Certificate.Kind {
        if title.contains("无房") { return .housingNone }
        if title.contains("有房") || title.contains("权属") { return .housingOwned }
        if title.contains("结清") { return .settlementProof }
        if title.contains("缴存") { return .depositProof }
        return .paymentProof
    }
}
