import KioskDevices
import Testing

/// What a scanned code is taken for, and what of it may be shown.
@Suite("QR scanner scanned codes")
struct QRScannerScannedCodeTests {
    /// Stands in for a medical-insurance e-voucher: the real format is not public (PROTOCOLS.md §4).
    static let voucher = "6C1B2F9A0E7D4C3B8A5F1E2D3C4B5A69XyZ0aBcDeFgHiJkLmNoPqRsTuV_-12"

    @Test(
        "the kind is guessed from the text's shape",
        arguments: [
            (voucher, ScannedCode.Kind.medicalVoucher),
            ("https://bdc.example.gov.cn/verify?code=3301022024000123", .url),
            ("HTTP://zw.example.gov.cn/", .url),
            ("4006381333931", .caseNumber),
            ("NR2024-000123", .caseNumber),
            ("ABCD", .other),
            ("AB1", .other),
            ("https://", .other),
            ("名字 张三", .other),
            ("", .other),
        ])
    func kindGuess(text: String, kind: ScannedCode.Kind) {
        #expect(ScannedCode(text: text).kind == kind)
    }

    @Test("a medical e-voucher's description, redacted form, debug form and dump never contain its text")
    func voucherIsRedacted() {
        // Given a scanned e-voucher.
        let code = ScannedCode(text: Self.voucher)

        // When it is turned into text in every way a log line might.
        var dumped = ""
        dump(code, to: &dumped)
        let forms = [code.description, code.redacted, code.debugDescription, "\(code)", String(reflecting: code), dumped,
                     QRScannerEvent.scanned(code).description]

        // Then none holds the code, or even a long piece of it, and the kind and length are there.
        #expect(code.kind == .medicalVoucher)
        #expect(code.isSecret)
        #expect(code.description == "medical e-voucher (62 chars, redacted)")
        #expect(code.redacted == "medical e-voucher (62 chars, redacted)")
        for form in forms {
            #expect(!form.contains(Self.voucher))
            #expect(!form.contains(String(Self.voucher.prefix(8))))
            #expect(!form.contains(String(Self.voucher.suffix(8))))
        }
    }

    @Test("a code of unknown shape is redacted like a secret")
    func otherIsRedacted() {
        let code = ScannedCode(text: "张三 13800000000")
        #expect(code.kind == .other)
        #expect(code.description == "other code (14 chars, redacted)")
        #expect(!code.redacted.contains("13800000000"))
    }

    @Test("a link shows its host in logs, and its path but not its query to people")
    func linkForms() {
        let code = ScannedCode(text: "https://user:pw@bdc.example.gov.cn/verify?code=3301022024000123")
        #expect(code.redacted == "URL https://bdc.example.gov.cn/… (63 chars)")
        #expect(!code.description.contains("pw"))
        #expect(code.description == "URL https://bdc.example.gov.cn/verify?… (63 chars)")
        #expect(!code.redacted.contains("3301022024000123"))
    }

    @Test("a case number shows to people, and only its length in logs")
    func caseNumberForms() {
        let code = ScannedCode(text: "NR2024-000123")
        #expect(code.description == "case number NR2024-000123")
        #expect(code.redacted == "case number (13 chars)")
    }

    @Test("a workflow that knows what it asked for can set the kind")
    func knownKind() {
        let code = ScannedCode(text: "ABCD1234", kind: .medicalVoucher)
        #expect(code.redacted == "medical e-voucher (8 chars, redacted)")
    }
}
