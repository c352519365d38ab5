import Foundation
import KioskDevices
import Testing

/// The certificate model and its PDF (pango + cairo + libqrencode), read back with pdftotext.
@Suite("A4 certificate rendering")
struct CertificateRenderingTests {
    static func sample(rows: Int = 3, code: String = "KV7Q-2M9X-83HD") -> Certificate {
        Certificate(
            kind: .depositProof, issuer: "某市住房公积金管理中心", holder: .init(name: "欧阳喆", idNumber: "1101**********0019"),
            paragraphs: ["兹证明欧阳喆同志在我中心缴存住房公积金，缴存状态正常。特此证明。"],
            rows: [(label: "缴存状态", value: "正常"), (label: "账户余额", value: "12,345.67 元")],
            tables: [Certificate.Table(caption: "近期缴存记录", columns: ["年月", "单位缴存", "个人缴存"], rows: (0..<rows).map { ["2026-\($0 % 12 + 1)", "600.00", "600.00"] })],
            kioskID: "kiosk-bj-0042", issuedOn: "2026年12月01日", verificationCode: code, qrPayload: "https://verify.example.gov.cn/c/\(code)"
        )
    }

    @Test("the PDF's text holds the Chinese title, name, table and verification code; the QR matrix is drawn")
    func text() async throws {
        let rendered = try CertificateRenderer().render(Self.sample())
        #expect(rendered.pdf.starts(with: Array("%PDF-".utf8)))
        #expect(rendered.pages == 1)
        #expect(rendered.qrModules >= 21)
        let text = try await Self.pdftotext(rendered.pdf)
        for expected in ["缴存证明", "欧阳喆", "某市住房公积金管理中心", "近期缴存记录", "单位缴存", "KV7Q-2M9X-83HD", "kiosk-bj-0042", "2026年12月01日"] {
            #expect(text.contains(expected), "\(expected) missing from the PDF's text")
        }
    }

    @Test("a long table continues on a second page")
    func pagination() throws {
        #expect(try CertificateRenderer().render(Self.sample(rows: 60)).pages >= 2)
    }

    @Test("broken certificates are refused before drawing; descriptions are masked")
    func validation() {
        #expect(throws: CertificateError.missingVerificationCode) { try CertificateRenderer().render(Self.sample(code: " ")) }
        var ragged = Self.sample()
        ragged.tables[0].rows.append(["only one cell"])
        #expect(throws: CertificateError.raggedTable(index: 0, row: 3, expected: 3, found: 1)) { try CertificateRenderer().render(ragged) }
        let certificate = Self.sample()
        #expect(!certificate.description.contains("欧阳喆") && certificate.description.contains("欧*喆"))
        #expect(!String(reflecting: certificate).contains("欧阳喆"))
        #expect(Certificate.Kind.allCases.map(\.defaultTitle) == ["缴费证明", "有房证明", "无房证明", "缴存证明", "结清证明"])
    }

    /// The PDF's text through pdftotext (poppler-utils), from a pipe: nothing is written to disk.
    static func pdftotext(_ pdf: [UInt8]) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", "-", "-"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(pdf))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
