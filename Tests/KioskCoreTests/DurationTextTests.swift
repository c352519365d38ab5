import Testing
@testable import KioskCore

@Suite("Duration text")
struct DurationTextTests {
    @Test("units parse", arguments: [
        ("250ms", Duration.milliseconds(250)), ("30s", .seconds(30)), ("1.5s", .milliseconds(1500)),
        ("5m", .seconds(300)), ("1h", .seconds(3600)), ("2d", .seconds(172_800)),
    ])
    func parses(_ text: String, _ expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test("nonsense is refused", arguments: ["", "s", "60", "5 m", "-5s", "1w", "5mins"])
    func refuses(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("format picks the largest exact unit")
    func formats() {
        #expect(DurationText.format(.seconds(3600)) == "1h")
        #expect(DurationText.format(.seconds(90)) == "90s")
        #expect(DurationText.format(.milliseconds(100)) == "100ms")
    }
}
