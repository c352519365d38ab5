import KioskCore
import KioskDevices
import KioskEmulators
import Testing

/// The driver against the emulator over a real pseudo-terminal: termios, SwiftNIO and the codec all run.
@Suite("ID card: driver against the emulator on a pty", .serialized)
struct IDCardReaderTests {
    typealias Support = IDCardTestSupport

    /// What the reader should deliver for `card` read without fingerprint.
    static func expected(_ card: IDCardEmulatorCard) -> IDCardHolder {
        var holder = card.holder
        holder.fingerprint = nil
        return holder
    }

    @Test("a presented card is read: text, photo and appended address")
    func readsCard() async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.present(card: .zhang)
            let holder = try await reader.read()
            #expect(holder == Self.expected(.zhang))
            #expect(holder.appendedAddress == "测试省示例市虚构区新址路18号")
            #expect(holder.photo.bytes.count == 1024)
        }
    }

    @Test("waitForCard returns the card presented while it polls; 长期 validity and a missing appended address come through")
    func waitsForCard() async throws {
        try await Support.withEmulator { emulator, reader in
            async let holder = reader.waitForCard(timeout: .seconds(5))
            try await Task.sleep(for: .milliseconds(100))
            emulator.present(card: .li)
            let li = try await holder
            #expect(li.validTo == .longTerm)
            #expect(li == Self.expected(.li))

            // A card swapped faster than one poll is not seen to leave: lift, let a poll see the empty reader, present.
            async let next = reader.waitForCard(timeout: .seconds(5))
            try await Support.liftAndAwaitPoll(emulator)
            emulator.present(card: .wang)
            let wang = try await next
            #expect(wang.appendedAddress == nil)
            #expect(wang.nation.name == "壮")
        }
    }

    @Test("no card: waitForCard times out with noCardPresented, read() fails with noCard")
    func noCard() async throws {
        try await Support.withEmulator { _, reader in
            let waited = try await Support.error { () async throws(IDCardError) in try await reader.waitForCard(timeout: .milliseconds(200)) }
            #expect(waited == .noCardPresented(within: .milliseconds(200)))
            let read = try await Support.error { () async throws(IDCardError) in try await reader.read() }
            #expect(read == .noCard)
        }
    }

    @Test("lift rule on a lenient module: the card left on the reader is not read twice; lifted and presented again, it is")
    func liftRuleLenient() async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.setRequiresLiftAfterRead(false)
            emulator.present(card: .zhang)
            _ = try await reader.waitForCard(timeout: .seconds(5))
            let again = try await Support.error { () async throws(IDCardError) in try await reader.waitForCard(timeout: .milliseconds(200)) }
            #expect(again == .previousCardNotLifted(within: .milliseconds(200)))

            let before = emulator.traffic.received
            async let next = reader.waitForCard(timeout: .seconds(5))
            try await Support.awaitPoll(emulator, since: before)  // the wait has seen the card still there
            try await Support.liftAndAwaitPoll(emulator)
            emulator.present(card: .ouyang)
            #expect(try await next == Self.expected(.ouyang))
        }
    }

    @Test("the next citizen's card put down before the reader looked again is read, on a strict and on a lenient module",
          arguments: [true, false])
    func nextCardBeforePoll(strict: Bool) async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.setRequiresLiftAfterRead(strict)
            emulator.present(card: .zhang)
            #expect(try await reader.waitForCard(timeout: .seconds(5)) == Self.expected(.zhang))
            // zhang's card is swapped for li's while nobody polls: the reader never sees an empty reader.
            emulator.lift()
            emulator.present(card: .li)
            #expect(try await reader.waitForCard(timeout: .seconds(5)) == Self.expected(.li))
            // li's card left on the reader is not read into the next wait (a strict module no longer finds it at all).
            let again = try await Support.error { () async throws(IDCardError) in try await reader.waitForCard(timeout: .milliseconds(400)) }
            #expect(again == (strict ? .noCardPresented(within: .milliseconds(400)) : .previousCardNotLifted(within: .milliseconds(400))))
        }
    }

    @Test("lift rule on a strict module: after a read, find fails until the card is presented again")
    func liftRuleStrict() async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.present(card: .zhang)
            _ = try await reader.read()
            let again = try await Support.error { () async throws(IDCardError) in try await reader.read() }
            #expect(again == .noCard)
            emulator.lift()
            emulator.present(card: .zhang)
            #expect(try await reader.read() == Self.expected(.zhang))
        }
    }

    @Test("a card lifted between select and read gives cardLiftedDuringRead")
    func liftedMidRead() async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.present(card: .zhang)
            emulator.liftAfterAnswering(.selectCard)
            let error = try await Support.error { () async throws(IDCardError) in try await reader.read() }
            #expect(error == .cardLiftedDuringRead)
            #expect(error.deviceState == nil)
        }
    }

    @Test("a card whose ID number fails its check digit is refused with a typed error")
    func badCheckDigit() async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.present(card: .zhaoBadCheckDigit)
            let error = try await Support.error { () async throws(IDCardError) in try await reader.read() }
            #expect(error == .invalidCardData(.checkDigitMismatch))
        }
    }

    @Test("damaged responses are recovered by retrying", arguments: IDCardEmulatorDevice.FrameCorruption.allCases)
    func corruptedOnce(corruption: IDCardEmulatorDevice.FrameCorruption) async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.present(card: .zhang)
            emulator.setCorruption(corruption, count: 1)
            let holder = try await reader.read()
            #expect(holder == Self.expected(.zhang))
            emulator.setCorruption(corruption, count: 1)
            let samID = try await reader.samID()
            #expect(samID == "05.01-20240101-0001234567-0987654321")
        }
    }

    @Test("responses that stay damaged end with a communication error after the retries")
    func corruptedAlways() async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.present(card: .zhang)
            emulator.setCorruption(.checksum)
            let error = try await Support.error { () async throws(IDCardError) in try await reader.read() }
            guard case .communication(.badChecksum, let attempts) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(attempts == 3)
            #expect(error.deviceState == .hardwareError)
        }
    }

    @Test("fingerprint reads (30 10) carry the card's fingerprint block")
    func fingerprint() async throws {
        var configuration = Support.fastConfiguration
        configuration.readFingerprint = true
        try await Support.withEmulator(configuration: configuration) { emulator, reader in
            emulator.present(card: .wang)
            let wang = try await reader.read()
            #expect(wang.fingerprint == IDCardEmulatorCard.wang.holder.fingerprint)
            #expect(wang.fingerprint?.count == 512)
            emulator.present(card: .li)
            #expect(try await reader.read().fingerprint == [])
        }
    }

    @Test("SAM status, id and reset on a working module; the probe says online")
    func samHealthy() async throws {
        try await Support.withEmulator { _, reader in
            #expect(try await reader.samStatus() == .ready)
            #expect(try await reader.samID() == "05.01-20240101-0001234567-0987654321")
            try await reader.reset()
            let report = await IDCardProbe(reader: reader).run()
            #expect(report.state == .online)
            #expect(report.samID == "05.01-20240101-0001234567-0987654321")
        }
    }

    @Test("a failing SAM: the probe says hardwareError and a read fails with samFailure", arguments: [
        (IDCardEmulatorDevice.SAMFailure.selfTestFailed, IDCardStatus.samSelfTestFailed), (.notAuthorised, .samNotAuthorised),
    ])
    func samFailing(failure: IDCardEmulatorDevice.SAMFailure, status: IDCardStatus) async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.setSAMFailure(failure)
            let report = await IDCardProbe(reader: reader).run()
            #expect(report.state == .hardwareError)
            #expect(report.detail.contains("SAM"))
            emulator.present(card: .zhang)
            let error = try await Support.error { () async throws(IDCardError) in try await reader.read() }
            #expect(error == .samFailure(status))
            emulator.setSAMFailure(nil)
            #expect(await IDCardProbe(reader: reader).run().state == .online)
        }
    }

    @Test("a silent SAM: the probe says hardwareError, naming the unanswered command")
    func samSilent() async throws {
        try await Support.withEmulator { emulator, reader in
            emulator.setSAMFailure(.silent)
            let report = await IDCardProbe(reader: reader).run()
            #expect(report.state == .hardwareError)
            #expect(report.detail.contains("did not answer SAM status"))
        }
    }

    @Test("while a citizen's card is awaited the probe reports busy and does not disturb the read")
    func busy() async throws {
        try await Support.withEmulator { emulator, reader in
            let before = emulator.traffic.received
            async let holder = reader.waitForCard(timeout: .seconds(5))
            try await Support.awaitPoll(emulator, since: before)
            #expect(await IDCardProbe(reader: reader).run().state == .busy)
            emulator.present(card: .zhang)
            #expect(try await holder == Self.expected(.zhang))
        }
    }

    @Test("counters: cards_read after a read, read_errors after a failed one, nothing for no card")
    func counters() async throws {
        let counters = IDCardMemoryCounters()
        try await Support.withEmulator(counters: counters) { emulator, reader in
            emulator.present(card: .zhang)
            _ = try await reader.read()
            _ = try? await reader.read()  // no card: the strict module wants it presented again
            emulator.present(card: .zhaoBadCheckDigit)
            _ = try? await reader.read()
        }
        #expect(try await counters.counters(of: "id-reader") == ["cards_read": 1, "read_errors": 1])
    }

    @Test("paced at 115200 baud a read takes at least its wire time, and the emulator counts both directions")
    func paced() async throws {
        try await Support.withEmulator(pacedBaud: 115_200) { emulator, reader in
            emulator.present(card: .zhang)
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await reader.read()
            let elapsed = clock.now - start
            let traffic = emulator.traffic
            // find 10+15, select 10+19, read 10+1295, address 10+81.
            #expect(traffic.received == 40)
            #expect(traffic.sent == 15 + 19 + 1295 + 81)
            #expect(elapsed >= IDCardFrame.wireTime(byteCount: traffic.received + traffic.sent, baud: 115_200))
        }
    }
}
