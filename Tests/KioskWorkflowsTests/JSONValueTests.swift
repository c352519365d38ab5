import KioskCore
import Foundation
import Testing

@Suite("JSON values exchanged with department backends")
struct JSONValueTests {
    @Test("decodes and re-encodes nested documents, and reads dotted paths")
    func roundTrip() throws {
        let text = #"{"account":{"balance":1234.5,"items":[{"year":"2024"}]},"ok":true,"note":null}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value.value(at: "account.balance")?.numberValue == 1234.5)
        #expect(value.value(at: "account.items.0.year")?.stringValue == "2024")
        #expect(value.value(at: "account.items.1.year") == nil)
        #expect(value["ok"] == .bool(true))
        #expect(value["note"] == .null)
        let again = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        #expect(again == value)
    }
}
