import KioskCore
import Foundation
import Testing

@Suite("Fault codes and probe reports")
struct FaultCodeTests {
    @Test("a probe report round-trips through JSON with its fault code as a plain string")
    func reportRoundTrip() throws {
        let report = ProbeReport(deviceID: "receipt-printer", state: .userError, fault: .printerPaperOut, detail: "DLE EOT 4: paper end", at: Date(timeIntervalSince1970: 1_000))
        let data = try JSONEncoder().encode(report)
        #expect(String(decoding: data, as: UTF8.self).contains(#""fault":"printer.paper-out""#))
        #expect(try JSONDecoder().decode(ProbeReport.self, from: data) == report)
        #expect(!report.isServing)
    }
}
