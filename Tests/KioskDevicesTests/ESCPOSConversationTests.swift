import Testing
@testable import KioskDevices

/// The conversation state machine, driven with made-up instants: no I/O, no sleeping.
@Suite("ESC/POS conversation")
struct ESCPOSConversationTests {
    let start = ContinuousClock.now
    let timing = ESCPOSConversation.Timing(
        statusTimeout: .seconds(2), completionTimeout: .seconds(30), pollInterval: .milliseconds(500), strayGrace: .milliseconds(100))
    let job = ESCPOSConversation.Job(bytes: [0x1B, 0x40, 0x41, 0x0A], embeddedStatusRequests: 0, wireTime: .milliseconds(10))
    let healthy: [UInt8] = [0x12, 0x12, 0x12, 0x12]

    func conversation(confirms: Bool = true) -> ESCPOSConversation {
        ESCPOSConversation(device: "on serial port /dev/test", paperWidth: .mm80, timing: timing, confirmsCompletion: confirms)
    }

    func at(_ milliseconds: Int) -> ContinuousClock.Instant {
        start + .milliseconds(milliseconds)
    }

    /// Feeds real-time status bytes; returns the last action.
    func feed(_ bytes: [UInt8], to conversation: inout ESCPOSConversation, at milliseconds: Int) -> ESCPOSConversation.Action {
        var action = ESCPOSConversation.Action.wait(until: at(milliseconds))
        for byte in bytes { action = conversation.received(.realTimeStatus(byte), at: at(milliseconds)) }
        return action
    }

    @Test("a status request sends DLE EOT 1-4 and decodes the four answers in order")
    func statusRequest() {
        // Given
        var conversation = conversation()

        // When
        let first = conversation.requestStatus(at: at(0))
        let last = feed([0x12, 0x12, 0x12, 0x1E], to: &conversation, at: 5)

        // Then
        #expect(first == .send(ESCPOSCommand.fullStatusRequest, waitUntil: at(2000)))
        #expect(last == .finished(.success(PrinterStatus(paperNearEnd: true))))
    }

    @Test("no answer within the status timeout is .noAnswer")
    func noAnswer() {
        // Given
        var conversation = conversation()
        _ = conversation.requestStatus(at: at(0))
        _ = feed([0x12], to: &conversation, at: 5)

        // When
        let action = conversation.deadlinePassed(at: at(2000))

        // Then
        #expect(action == .finished(.failure(.noAnswer(device: "on serial port /dev/test", after: .seconds(2)))))
    }

    @Test("a printer out of paper refuses the job: nothing but the status request is sent")
    func refusedBeforeJob() {
        // Given
        var conversation = conversation()
        _ = conversation.print(job, at: at(0))

        // When
        let action = feed([0x1A, 0x32, 0x12, 0x7E], to: &conversation, at: 3)

        // Then
        #expect(action == .finished(.failure(.paperOut(paperWidth: .mm80))))
    }

    @Test("a healthy printer gets the job, GS r 1 and DLE EOT 1-4 in one write; done on confirmation and status")
    func printed() {
        // Given
        var conversation = conversation()
        _ = conversation.print(job, at: at(0))

        // When
        let sent = feed(healthy, to: &conversation, at: 3)
        let afterConfirmation = conversation.received(.paperSensor(0x03), at: at(20))
        let done = feed(healthy, to: &conversation, at: 21)

        // Then
        #expect(sent == .send(job.bytes + [0x1D, 0x72, 0x01] + ESCPOSCommand.fullStatusRequest, waitUntil: at(3 + 10 + 2000)))
        #expect(afterConfirmation == .wait(until: at(3 + 10 + 2000)))
        #expect(done == .finished(.success(PrinterStatus(paperNearEnd: true))))
    }

    @Test("paper running out while the job prints is .interrupted(.paperEnd), never silence")
    func paperEndMidJob() {
        // Given
        var conversation = conversation()
        _ = conversation.print(job, at: at(0))
        _ = feed(healthy, to: &conversation, at: 3)

        // When
        let action = feed([0x1A, 0x32, 0x12, 0x7E], to: &conversation, at: 15)

        // Then
        #expect(action == .finished(.failure(.interrupted(.paperEnd))))
    }

    @Test("while the confirmation is awaited the status is polled, and a cover opened then interrupts")
    func polling() {
        // Given: the status after the job is clean, no confirmation yet
        var conversation = conversation()
        _ = conversation.print(job, at: at(0))
        _ = feed(healthy, to: &conversation, at: 3)
        let waiting = feed(healthy, to: &conversation, at: 15)

        // When
        let poll = conversation.deadlinePassed(at: at(515))
        let action = feed([0x1A, 0x16, 0x12, 0x12], to: &conversation, at: 520)

        // Then
        #expect(waiting == .wait(until: at(515)))
        #expect(poll == .send(ESCPOSCommand.fullStatusRequest, waitUntil: at(2515)))
        #expect(action == .finished(.failure(.interrupted(.coverOpen))))
    }

    @Test("no confirmation within the completion timeout is .interrupted(.notConfirmed)")
    func notConfirmed() {
        // Given
        var conversation = conversation()
        _ = conversation.print(job, at: at(0))
        _ = feed(healthy, to: &conversation, at: 3)
        var action = feed(healthy, to: &conversation, at: 15)

        // When: every poll answers clean, the confirmation never comes
        var now = 15
        while case .wait(let until) = action, until < at(30_013) {
            now = Int((until - start) / .milliseconds(1))
            action = conversation.deadlinePassed(at: until)
            if case .send = action { action = feed(healthy, to: &conversation, at: now + 1) }
        }
        action = conversation.deadlinePassed(at: at(30_013))

        // Then
        #expect(action == .finished(.failure(.interrupted(.notConfirmed))))
    }

    @Test("a printer that cannot confirm is done once the status after the job is clean")
    func withoutConfirmation() {
        // Given
        var conversation = conversation(confirms: false)
        _ = conversation.print(job, at: at(0))

        // When
        let sent = feed(healthy, to: &conversation, at: 3)
        let done = feed(healthy, to: &conversation, at: 15)

        // Then
        #expect(sent == .send(job.bytes + ESCPOSCommand.fullStatusRequest, waitUntil: at(2013)))
        #expect(done == .finished(.success(PrinterStatus())))
    }

    @Test("answers to DLE EOT inside the job come first and are skipped: the status is the last four bytes")
    func strayAnswers() {
        // Given: a QR payload holding DLE EOT 4, a printer with paper near end (0x1E to n=4)
        var conversation = conversation()
        let job = ESCPOSConversation.Job(bytes: [0x10, 0x04, 0x04], embeddedStatusRequests: 1, wireTime: .zero)
        _ = conversation.print(job, at: at(0))
        _ = feed([0x12, 0x12, 0x12, 0x1E], to: &conversation, at: 3)
        _ = conversation.received(.paperSensor(0x03), at: at(5))

        // When: the stray 0x1E, then 0x12 0x12 0x12 0x1E
        let action = feed([0x1E, 0x12, 0x12, 0x12, 0x1E], to: &conversation, at: 6)

        // Then: not "offline" (0x1E read as the answer to DLE EOT 1 has bit 3 set)
        #expect(action == .finished(.success(PrinterStatus(paperNearEnd: true))))
    }

    @Test("a printer that ignores DLE EOT inside the data: after four bytes the stray answer is waited for only the grace")
    func strayNeverComes() {
        // Given
        var conversation = conversation()
        let job = ESCPOSConversation.Job(bytes: [0x10, 0x04, 0x04], embeddedStatusRequests: 1, wireTime: .zero)
        _ = conversation.print(job, at: at(0))
        _ = feed(healthy, to: &conversation, at: 3)
        _ = conversation.received(.paperSensor(0x00), at: at(5))

        // When
        let waiting = feed(healthy, to: &conversation, at: 6)
        let action = conversation.deadlinePassed(at: at(106))

        // Then
        #expect(waiting == .wait(until: at(106)))
        #expect(action == .finished(.success(PrinterStatus())))
    }

    @Test("an automatic status back showing a fault during the job interrupts it")
    func automaticStatusDuringJob() {
        // Given
        var conversation = conversation()
        _ = conversation.print(job, at: at(0))
        _ = feed(healthy, to: &conversation, at: 3)

        // When
        let action = conversation.received(.automaticStatus(AutomaticStatusBlock(0x18, 0x00, 0x0F, 0x00)), at: at(8))

        // Then
        #expect(action == .finished(.failure(.interrupted(.paperEnd))))
    }

    @Test("a link that fails before the job is that error; after the job it is .interrupted")
    func linkFailures() {
        var before = conversation()
        _ = before.print(job, at: at(0))
        #expect(before.failed(.disconnected(device: "x")) == .finished(.failure(.disconnected(device: "x"))))

        var after = conversation()
        _ = after.print(job, at: at(0))
        _ = feed(healthy, to: &after, at: 3)
        #expect(after.failed(.disconnected(device: "x")) == .finished(.failure(.interrupted(.disconnected))))
    }
}
