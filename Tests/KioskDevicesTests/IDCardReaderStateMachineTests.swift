import KioskDevices
import Testing

/// The find → select → read state machine, driven by hand with a test clock: no I/O, no sleeping.
@Suite("ID card: reader state machine")
struct IDCardReaderStateMachineTests {
    typealias Machine = IDCardReaderStateMachine<IDCardTestInstant>
    typealias Support = IDCardTestSupport

    static let configuration = IDCardReaderConfiguration(retries: 2, pollInterval: .milliseconds(300))

    static func send(_ command: IDCardCommand, _ configuration: IDCardReaderConfiguration = configuration) -> Machine.Action {
        .sendCommand(command, timeout: configuration.responseTimeout(for: command))
    }

    static let found = IDCardResponse(status: .cardFound, data: [0, 0, 0, 0])
    static let noCard = IDCardResponse(status: .findFailed)
    static let selected = IDCardResponse(status: .success, data: [UInt8](repeating: 0, count: 8))
    static let noAddress = IDCardResponse(status: .itemNotOnCard)

    static func readResponse(idNumber: String = "990101198503120010") -> IDCardResponse {
        IDCardResponse(status: .success, data: IDCardReadPayload(
            text: Support.textBlock(idNumber: idNumber), photo: [UInt8](repeating: 0x57, count: 1024)).data)
    }

    /// Given a running operation that just sent "find card", answers find, select, read and address with a card.
    static func readThrough(_ machine: inout Machine, clock: IDCardTestClock, configuration: IDCardReaderConfiguration = configuration) -> Machine.Action {
        #expect(machine.received(found, now: clock.now) == send(.selectCard, configuration))
        #expect(machine.received(selected, now: clock.now) == send(configuration.readCommand, configuration))
        #expect(machine.received(readResponse(), now: clock.now) == send(.readAppendedAddress, configuration))
        return machine.received(noAddress, now: clock.now)
    }

    @Test("find, select, read and appended address deliver the holder")
    func happyPath() throws {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        #expect(machine.waitForCard(timeout: .seconds(30), now: clock.now) == Self.send(.findCard))
        guard case .deliver(let holder) = Self.readThrough(&machine, clock: clock) else {
            Issue.record("no delivery")
            return
        }
        #expect(holder.maskedName == "张*试")
        #expect(holder.appendedAddress == nil)
        #expect(machine.isIdle)
        #expect(machine.awaitingLift)
    }

    @Test("an appended address read with 0x90 is delivered with the holder")
    func appendedAddress() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        _ = machine.received(Self.found, now: clock.now)
        _ = machine.received(Self.selected, now: clock.now)
        _ = machine.received(Self.readResponse(), now: clock.now)
        let action = machine.received(IDCardResponse(status: .success, data: Support.ucs2("测试省新址路18号", 70)), now: clock.now)
        guard case .deliver(let holder) = action else {
            Issue.record("no delivery: \(action)")
            return
        }
        #expect(holder.appendedAddress == "测试省新址路18号")
        #expect(holder.currentAddress == "测试省新址路18号")
    }

    @Test("lift rule: after a read, a card still found is not read again until find has failed once")
    func liftRule() {
        var machine = Machine(configuration: Self.configuration)
        var clock = IDCardTestClock()
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        guard case .deliver = Self.readThrough(&machine, clock: clock) else {
            Issue.record("first read not delivered")
            return
        }
        // Given the same card left on a lenient module, when polling again, then it is read once, recognised and not
        // delivered, and from then on found but not selected.
        #expect(machine.waitForCard(timeout: .seconds(30), now: clock.now) == Self.send(.findCard))
        #expect(Self.readThrough(&machine, clock: clock) == .wait(.milliseconds(300)))
        #expect(!machine.isIdle)
        clock.advance(by: .milliseconds(300))
        #expect(machine.waited(now: clock.now) == Self.send(.findCard))
        #expect(machine.received(Self.found, now: clock.now) == .wait(.milliseconds(300)))
        clock.advance(by: .milliseconds(300))
        #expect(machine.waited(now: clock.now) == Self.send(.findCard))
        #expect(machine.received(Self.found, now: clock.now) == .wait(.milliseconds(300)))
        // When it is lifted (find fails) and presented again, then it is read.
        clock.advance(by: .milliseconds(300))
        #expect(machine.waited(now: clock.now) == Self.send(.findCard))
        #expect(machine.received(Self.noCard, now: clock.now) == .wait(.milliseconds(300)))
        #expect(!machine.awaitingLift)
        clock.advance(by: .milliseconds(300))
        #expect(machine.waited(now: clock.now) == Self.send(.findCard))
        guard case .deliver = Self.readThrough(&machine, clock: clock) else {
            Issue.record("second read not delivered")
            return
        }
    }

    @Test("a card left on the reader past the deadline ends with previousCardNotLifted")
    func cardNotLifted() {
        var machine = Machine(configuration: Self.configuration)
        var clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        _ = Self.readThrough(&machine, clock: clock)
        var action = machine.waitForCard(timeout: .seconds(1), now: clock.now)
        var reads = 0
        while true {
            switch action {
            case .wait(let duration):
                clock.advance(by: duration)
                action = machine.waited(now: clock.now)
            case .sendCommand(.findCard, _): action = machine.received(Self.found, now: clock.now)
            case .sendCommand(.selectCard, _): action = machine.received(Self.selected, now: clock.now)
            case .sendCommand(.readTextAndPhoto, _):
                reads += 1
                action = machine.received(Self.readResponse(), now: clock.now)
            case .sendCommand(.readAppendedAddress, _): action = machine.received(Self.noAddress, now: clock.now)
            default:
                #expect(reads == 1, "the card is read once to recognise it, not on every poll")
                #expect(clock.now.offset == .seconds(1))
                #expect(machine.isIdle)
                #expect(action == .fail(.previousCardNotLifted(within: .seconds(1))))
                return
            }
        }
    }

    @Test("another citizen's card put down before the reader looked is read, though no find failed in between")
    func swappedBeforeLooking() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        guard case .deliver = Self.readThrough(&machine, clock: clock) else {
            Issue.record("first read not delivered")
            return
        }
        #expect(machine.awaitingLift)
        #expect(machine.waitForCard(timeout: .seconds(30), now: clock.now) == Self.send(.findCard))
        #expect(machine.received(Self.found, now: clock.now) == Self.send(.selectCard))
        #expect(machine.received(Self.selected, now: clock.now) == Self.send(.readTextAndPhoto))
        #expect(machine.received(Self.readResponse(idNumber: "990101198503120029"), now: clock.now) == Self.send(.readAppendedAddress))
        guard case .deliver(let other) = machine.received(Self.noAddress, now: clock.now) else {
            Issue.record("the other card was not delivered")
            return
        }
        #expect(other.idNumber == "990101198503120029")
        #expect(machine.isIdle)
    }

    @Test("a card lifted while it is read only to recognise it is not an error: the wait goes on")
    func liftedWhileRecognised() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        guard case .deliver = Self.readThrough(&machine, clock: clock) else {
            Issue.record("first read not delivered")
            return
        }
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        #expect(machine.received(Self.found, now: clock.now) == Self.send(.selectCard))
        #expect(machine.received(Self.selected, now: clock.now) == Self.send(.readTextAndPhoto))
        // The card goes: the read fails, and the retry's find says the reader is empty.
        #expect(machine.received(IDCardResponse(status: .readFailed), now: clock.now) == Self.send(.findCard))
        #expect(machine.received(Self.noCard, now: clock.now) == .wait(.milliseconds(300)))
        #expect(!machine.awaitingLift)
        #expect(!machine.isIdle)
    }

    @Test("after an unreadable card the reader cannot tell cards apart, so it waits for the card to leave")
    func unreadableThenFound() {
        var machine = Machine(configuration: IDCardReaderConfiguration(readAppendedAddress: false))
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        _ = machine.received(Self.found, now: clock.now)
        _ = machine.received(Self.selected, now: clock.now)
        _ = machine.received(Self.readResponse(idNumber: "990101198503120011"), now: clock.now)
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        #expect(machine.received(Self.found, now: clock.now) == .wait(IDCardReaderConfiguration().pollInterval))
    }

    @Test("a good card, then a read whose frame cannot be parsed: the wait does not compare with the good one")
    func goodThenUnparsable() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        guard case .deliver = Self.readThrough(&machine, clock: clock) else {
            Issue.record("first read not delivered")
            return
        }
        _ = machine.readCard(now: clock.now)
        _ = machine.received(Self.found, now: clock.now)
        _ = machine.received(Self.selected, now: clock.now)
        guard case .fail(.invalidCardData) = machine.received(IDCardResponse(status: .success, data: [1, 2, 3]), now: clock.now) else {
            Issue.record("a three-byte read was not invalid card data")
            return
        }
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        #expect(machine.received(Self.found, now: clock.now) == .wait(.milliseconds(300)))
    }

    @Test("waitForCard with no card polls every poll interval, the last wait cut to the deadline, then noCardPresented")
    func timeout() {
        var machine = Machine(configuration: Self.configuration)
        var clock = IDCardTestClock()
        #expect(machine.waitForCard(timeout: .seconds(1), now: clock.now) == Self.send(.findCard))
        var waits: [Duration] = []
        var action = machine.received(Self.noCard, now: clock.now)
        while case .wait(let duration) = action {
            waits.append(duration)
            clock.advance(by: duration)
            action = machine.waited(now: clock.now)
            guard case .sendCommand(.findCard, _) = action else { break }
            action = machine.received(Self.noCard, now: clock.now)
        }
        #expect(waits == [.milliseconds(300), .milliseconds(300), .milliseconds(300), .milliseconds(100)])
        #expect(action == .fail(.noCardPresented(within: .seconds(1))))
        #expect(machine.isIdle)
    }

    @Test("read() with no card fails at once with noCard")
    func noCard() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        #expect(machine.readCard(now: clock.now) == Self.send(.findCard))
        #expect(machine.received(Self.noCard, now: clock.now) == .fail(.noCard))
    }

    @Test("each failed step starts again from find, at most `retries` more times, then the last failure is the error")
    func retries() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        for attempt in 1...3 {
            _ = machine.received(Self.found, now: clock.now)
            _ = machine.received(Self.selected, now: clock.now)
            let action = machine.exchangeFailed(.timedOut, now: clock.now)
            if attempt < 3 {
                #expect(action == Self.send(.findCard))
            } else {
                #expect(action == .fail(.noAnswer(command: "read text and photo", attempts: 3)))
            }
        }
        #expect(machine.isIdle)
    }

    @Test("retries come from the profile: retries 0 fails on the first damaged frame")
    func noRetries() {
        var machine = Machine(configuration: IDCardReaderConfiguration(retries: 0))
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        let error = IDCardCodecError.badChecksum(expected: 1, received: 2)
        #expect(machine.exchangeFailed(.malformed(error), now: clock.now) == .fail(.communication(error, attempts: 1)))
    }

    @Test("a damaged read response is retried from find and the card is then delivered")
    func damagedThenGood() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        _ = machine.received(Self.found, now: clock.now)
        _ = machine.received(Self.selected, now: clock.now)
        #expect(machine.exchangeFailed(.malformed(.badChecksum(expected: 1, received: 2)), now: clock.now) == Self.send(.findCard))
        guard case .deliver = Self.readThrough(&machine, clock: clock) else {
            Issue.record("not delivered after the retry")
            return
        }
    }

    @Test("a card gone after it was selected was lifted during the read")
    func liftedMidRead() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        _ = machine.received(Self.found, now: clock.now)
        _ = machine.received(Self.selected, now: clock.now)
        #expect(machine.received(IDCardResponse(status: .readFailed), now: clock.now) == Self.send(.findCard))
        #expect(machine.received(Self.noCard, now: clock.now) == .fail(.cardLiftedDuringRead))
    }

    @Test("a SAM fault ends the operation at once: no retries", arguments: [IDCardStatus.samSelfTestFailed, .samNotAuthorised])
    func samFault(status: IDCardStatus) {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        #expect(machine.received(IDCardResponse(status: status), now: clock.now) == .fail(.samFailure(status)))
        #expect(machine.isIdle)
    }

    @Test("repeated authentication failures end with cardRejected")
    func rejected() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        var action = Self.send(.findCard)
        for _ in 1...3 {
            _ = machine.received(Self.found, now: clock.now)
            _ = machine.received(Self.selected, now: clock.now)
            action = machine.received(IDCardResponse(status: .samAuthenticationFailed), now: clock.now)
        }
        #expect(action == .fail(.cardRejected(.samAuthenticationFailed)))
    }

    @Test("a wrong check digit fails the read and still counts as read for the lift rule")
    func badCheckDigit() {
        var machine = Machine(configuration: IDCardReaderConfiguration(readAppendedAddress: false))
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        _ = machine.received(Self.found, now: clock.now)
        _ = machine.received(Self.selected, now: clock.now)
        #expect(machine.received(Self.readResponse(idNumber: "990101198503120011"), now: clock.now) == .fail(.invalidCardData(.checkDigitMismatch)))
        #expect(machine.awaitingLift)
    }

    @Test("with read_fingerprint the read is 30 10; a module that refuses it says so")
    func fingerprint() {
        let configuration = IDCardReaderConfiguration(readFingerprint: true)
        var machine = Machine(configuration: configuration)
        let clock = IDCardTestClock()
        _ = machine.readCard(now: clock.now)
        _ = machine.received(Self.found, now: clock.now)
        #expect(machine.received(Self.selected, now: clock.now) == Self.send(.readWithFingerprint, configuration))
        #expect(machine.received(IDCardResponse(status: .badCommand), now: clock.now)
            == .fail(.commandNotSupported(command: "read text, photo and fingerprint")))
    }

    @Test("a second operation while one runs is refused with busy, and the first goes on")
    func busy() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        _ = machine.waitForCard(timeout: .seconds(30), now: clock.now)
        #expect(machine.readCard(now: clock.now) == .fail(.busy))
        #expect(machine.received(Self.found, now: clock.now) == Self.send(.selectCard))
    }

    @Test("events with no operation running are reported, not trapped")
    func outOfOrder() {
        var machine = Machine(configuration: Self.configuration)
        let clock = IDCardTestClock()
        guard case .fail(.internalError) = machine.received(Self.found, now: clock.now) else {
            Issue.record("expected an internal error")
            return
        }
        guard case .fail(.internalError) = machine.waited(now: clock.now) else {
            Issue.record("expected an internal error")
            return
        }
    }

    @Test("response timeouts grow with the answer's wire time and with a slower line")
    func responseTimeouts() {
        let fast = IDCardReaderConfiguration(baud: 115_200, answerAllowance: .milliseconds(500))
        let slow = IDCardReaderConfiguration(baud: 9_600, answerAllowance: .milliseconds(500))
        #expect(fast.responseTimeout(for: .readTextAndPhoto) > fast.responseTimeout(for: .findCard))
        #expect(fast.responseTimeout(for: .readWithFingerprint) > fast.responseTimeout(for: .readTextAndPhoto))
        #expect(slow.responseTimeout(for: .readTextAndPhoto) > .seconds(3))
        #expect(fast.responseTimeout(for: .findCard) < .milliseconds(510))
    }
}
