@testable import KioskDevices
import Testing

/// The read's time limit (`SocialSecurityReaderConfiguration.operationTimeout`), checked around each APDU.
@Suite("Social-security read deadline")
struct DeadlineChannelTests {
    /// Answers `90 00` to everything after `delay`, counting the APDUs.
    actor SlowCard: CardChannel {
        let delay: Duration
        var sent = 0
        init(delay: Duration) { self.delay = delay }

        func transmit(_ command: [UInt8]) async throws -> [UInt8] {
            sent += 1
            try await Task.sleep(for: delay)
            return [0x90, 0x00]
        }
    }

    @Test("APDUs within the limit pass through unchanged")
    func withinLimit() async throws {
        let card = SlowCard(delay: .zero)
        let channel = DeadlineChannel(card, limit: .seconds(5))
        for _ in 0..<3 { #expect(try await channel.transmit([0x00, 0xA4, 0x04, 0x00]) == [0x90, 0x00]) }
        #expect(await card.sent == 3)
    }

    @Test("a read that outlasts the limit ends with cardMisbehaves at the APDU that overran, and sends no more")
    func overrun() async throws {
        let card = SlowCard(delay: .milliseconds(40))
        let channel = DeadlineChannel(card, limit: .milliseconds(100))
        var answered = 0
        do {
            for _ in 0..<10 {
                _ = try await channel.transmit([0x00, 0xB2, 0x01, 0x00])
                answered += 1
            }
            Issue.record("ten 40 ms APDUs passed a 100 ms limit")
        } catch let error as SocialSecurityError {
            #expect(error == .cardMisbehaves(detail: "no answer within 0.1 seconds"))
        }
        #expect(answered < 10)
        #expect(await card.sent == answered + 1)
    }
}
