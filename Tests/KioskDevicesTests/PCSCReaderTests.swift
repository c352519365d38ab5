import Foundation
import KioskCore
import KioskDevices
import KioskTestSupport
import Testing

/// The social-security reader against real pcscd with vsmartcard's virtual reader and the virtual card of
/// Tests/Helpers/vicc (started by scripts/test-services.d/pcscd.sh). The suite runs serially: there is one pcscd.
@Suite("Social-security card over pcscd and vpcd", .serialized, .pcscExclusive)
struct PCSCReaderTests {
    static let readerPrefix = "Virtual PCD 00 00"

    @Test("a card inserted is seen, read (GBK name, 61xx and 6Cxx handled) and removed; exclusive during the session")
    func insertReadRemove() async throws {
        try await PCSCTestSupport.withDeadline {
            let card = try await VirtualSocialSecurityCard()
            defer { card.stop() }
            let reader = SocialSecurityCardReader(configuration: .init(readerPrefix: Self.readerPrefix), logger: PCSCTestSupport.logger)
            var events = reader.monitor.events.makeAsyncIterator()
            await reader.start()
            try await Self.expect(.serviceAvailable, in: &events)
            try await Self.expect(.readerAdded("Virtual PCD 00 00"), in: &events)
            try await Self.waitForEmptyReader(reader)

            // No card yet: waiting times out.
            await #expect(throws: SocialSecurityError.noCard(after: .milliseconds(300))) { _ = try await reader.waitForCard(timeout: .milliseconds(300)) }

            try await card.send("insert", expecting: "inserted")
            let presence = try await reader.waitForCard(timeout: .seconds(5))
            #expect(presence.reader == "Virtual PCD 00 00")
            #expect(CardHex.string(presence.atr, separator: "") == "3B6800000073C84013009000")

            let read = try await reader.readCard()
            #expect(read.holder.name == "张三丰")
            #expect(read.holder.socialSecurityNumber == "110101199003070019")
            #expect(read.card.region == "110100")
            #expect(read.card.issueDate.description == "2021-03-15")
            #expect(await reader.inSession)

            // Exclusive: another program cannot connect while the citizen's session holds the card.
            let other = try await PCSCContext.establish()
            await #expect(throws: PCSCError.sharingViolation) { _ = try await other.connect(reader: presence.reader, exclusive: false) }

            // Select with 61xx + GET RESPONSE, 2 selects, 11 reads, each with the exact Le: 15 APDUs.
            #expect(try await card.send("apdus") == "apdus 15")

            try await card.send("remove", expecting: "removed")
            try await Self.waitUntil { await !reader.inSession && reader.presentCard == nil }
            await #expect(throws: SocialSecurityError.noCard(after: .zero)) { _ = try await reader.readCard() }
            await reader.stop()
        }
    }

    @Test("a card without the social-security application is refused as such, and the session is closed")
    func unknownApplication() async throws {
        try await PCSCTestSupport.withDeadline {
            let card = try await VirtualSocialSecurityCard()
            defer { card.stop() }
            try await card.send("card unknown", expecting: "ok")
            let reader = SocialSecurityCardReader(configuration: .init(readerPrefix: Self.readerPrefix), logger: PCSCTestSupport.logger)
            await reader.start()
            try await Self.waitForEmptyReader(reader)
            try await card.send("insert", expecting: "inserted")
            _ = try await reader.waitForCard(timeout: .seconds(5))
            await #expect(throws: SocialSecurityError.unknownApplication) { _ = try await reader.readCard() }
            #expect(await !reader.inSession)
            try await card.send("remove", expecting: "removed")
            await reader.stop()
        }
    }

    @Test("a card that wants PSAM authentication gives 6982 as a typed status")
    func lockedCard() async throws {
        try await PCSCTestSupport.withDeadline {
            let card = try await VirtualSocialSecurityCard()
            defer { card.stop() }
            try await card.send("card locked", expecting: "ok")
            let reader = SocialSecurityCardReader(configuration: .init(readerPrefix: Self.readerPrefix), logger: PCSCTestSupport.logger)
            await reader.start()
            try await Self.waitForEmptyReader(reader)
            try await card.send("insert", expecting: "inserted")
            _ = try await reader.waitForCard(timeout: .seconds(5))
            await #expect(throws: SocialSecurityError.status(.securityNotSatisfied, step: .readRecord(.cardIdentifier))) { _ = try await reader.readCard() }
            try await card.send("remove", expecting: "removed")
            await reader.stop()
        }
    }

    @Test("pcscd restarted mid-test: the monitor reports it down, reconnects, and the next card is read")
    func pcscdRestart() async throws {
        let restart = try PCSCTestSupport.pcscdRestart()
        try await PCSCTestSupport.withDeadline(.seconds(40)) {
            // vpcd notices the previous test's card leaving only on its next poll of the slot.
            try await Task.sleep(for: .milliseconds(600))
            let card = try await VirtualSocialSecurityCard()
            defer { card.stop() }
            let device = SocialSecurityReaderDevice(id: "social-security-reader", configuration: .init(readerPrefix: Self.readerPrefix), logger: PCSCTestSupport.logger)
            var events = device.reader.monitor.events.makeAsyncIterator()
            await device.start()
            try await Self.expect(.serviceAvailable, in: &events)
            #expect(await device.probe(level: .internal).state == .online)
            try await Self.waitForEmptyReader(device.reader)

            try await card.send("insert", expecting: "inserted")
            _ = try await device.reader.waitForCard(timeout: .seconds(5))
            #expect(try await device.reader.readCard().holder.name == "张三丰")

            // pcscd goes away and comes back (the script kills it and starts a new one).
            #expect(try await PCSCTestSupport.run(restart) == 0)
            try await Self.expect(.serviceAvailable, in: &events, after: { event in
                if case .serviceUnavailable = event { return true }
                return false
            })
            #expect(await !device.reader.inSession)

            // The card's socket died with the old pcscd: insert it again into the new one.
            try await card.send("remove", expecting: "removed")
            try await card.send("insert", expecting: "inserted")
            _ = try await device.reader.waitForCard(timeout: .seconds(5))
            #expect(try await device.reader.readCard().holder.name == "张三丰")
            let report = await device.probe(level: .internal)
            #expect(report.state == .busy)
            #expect(report.facts["card"] == "present")
            #expect(await device.recover(.reopen).succeeded)
            try await card.send("remove", expecting: "removed")
            await device.stop()
        }
    }

    @Test("the probe maps pcscd's answers onto faults")
    func probeMapping() {
        let down = SocialSecurityReaderDevice.report(id: "ss", prefix: "ACS", readers: nil, error: .noService, cardPresent: false, inSession: false)
        #expect(down.state == .offline && down.fault == .pcscServiceDown)
        let missing = SocialSecurityReaderDevice.report(id: "ss", prefix: "ACS", readers: ["Virtual PCD 00 00"], error: nil, cardPresent: false, inSession: false)
        #expect(missing.state == .noDevice && missing.fault == .pcscReaderMissing)
        let ready = SocialSecurityReaderDevice.report(id: "ss", prefix: "ACS", readers: ["ACS ACR39U 00 00"], error: nil, cardPresent: false, inSession: false)
        #expect(ready.state == .online && ready.fault == nil && ready.facts["reader"] == "ACS ACR39U 00 00")
    }

    /// Reads events until `expected`, after an event for which `after` holds when given; fails on the stream's end.
    static func expect(_ expected: PCSCEvent, in events: inout AsyncStream<PCSCEvent>.Iterator, after: ((PCSCEvent) -> Bool)? = nil) async throws {
        var seenAfter = after == nil
        while let event = await events.next() {
            if !seenAfter, after?(event) == true { seenAfter = true; continue }
            if seenAfter, event == expected { return }
        }
        throw PCSCTestSupport.Failure(description: "the monitor's events ended before \(expected)")
    }

    /// Waits until the monitor lists the virtual reader without a card (vpcd notices a previous card's
    /// socket closing only on its next poll).
    static func waitForEmptyReader(_ reader: SocialSecurityCardReader) async throws {
        try await waitUntil { reader.monitor.snapshot.readers[readerPrefix] == .some(nil) }
    }

    /// Polls `condition` every 20 ms (the suite's deadline bounds it).
    static func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
        while await !condition() { try await Task.sleep(for: .milliseconds(20)) }
    }
}
