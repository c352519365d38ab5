import KioskDevices
import Testing

/// The social-security card's APDUs, status words, records and the exchange rules, without a card.
@Suite("Social-security card codec")
struct SocialSecurityCodecTests {
    @Test("SELECT by name is the exact command of PROTOCOLS.md §3")
    func selectApplication() {
        #expect(CardHex.string(SocialSecurityCommand.selectApplication.bytes) == "00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF")
        #expect(GBKText.decode(Array(SocialSecurityCommand.applicationName.suffix(8))) == "社会保障")
        #expect(SocialSecurityCommand.select(.holder).bytes == [0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, 0x06])
        #expect(SocialSecurityCommand.readRecord(.name).bytes == [0x00, 0xB2, 0x09, 0x00, 32])
        #expect(SocialSecurityCommand.getResponse(0x13).bytes == [0x00, 0xC0, 0x00, 0x00, 0x13])
    }

    @Test("status words are typed", arguments: [
        (UInt8(0x90), UInt8(0x00), StatusWord.success), (0x61, 0x13, .moreData(available: 0x13)), (0x6C, 0x20, .wrongLength(exact: 0x20)),
        (0x6A, 0x82, .fileNotFound), (0x69, 0x82, .securityNotSatisfied), (0x6A, 0x83, .recordNotFound), (0x6D, 0x00, .instructionNotSupported),
        (0x62, 0x83, .other(0x6283)),
    ])
    func statusWords(sw1: UInt8, sw2: UInt8, expected: StatusWord) {
        let status = StatusWord(sw1: sw1, sw2: sw2)
        #expect(status == expected)
        #expect(status.rawValue == UInt16(sw1) << 8 | UInt16(sw2))
    }

    @Test("a response shorter than its status word is refused")
    func shortResponse() {
        #expect(throws: SocialSecurityCodecError.responseTooShort(count: 1)) { try ResponseAPDU(bytes: [0x90]) }
    }

    @Test("records parse by tag; GBK names decode; BCD dates check their digits")
    func records() throws {
        let name = try TLVRecord(parsing: [0x09, 0x08, 0xD5, 0xC5, 0xC8, 0xFD, 0x20, 0x20, 0x00, 0x00], expected: 0x09)
        #expect(try name.gbkText() == "张三")
        #expect(throws: SocialSecurityCodecError.unexpectedTag(expected: 0x08, found: 0x09)) { try TLVRecord(parsing: name.bytes, expected: 0x08) }
        #expect(throws: SocialSecurityCodecError.truncatedRecord(tag: 0x07, declared: 9, available: 2)) { try TLVRecord(parsing: [0x07, 0x09, 0x41, 0x42]) }
        #expect(try TLVRecord(tag: 0x05, value: [0x20, 0x21, 0x03, 0x15]).bcdDate().description == "2021-03-15")
        #expect(throws: SocialSecurityCodecError.invalidDate(tag: 0x05)) { try TLVRecord(tag: 0x05, value: [0x20, 0x2A, 0x03, 0x15]).bcdDate() }
        #expect(throws: SocialSecurityCodecError.invalidDate(tag: 0x06)) { try TLVRecord(tag: 0x06, value: [0x20, 0x21, 0x13, 0x15]).bcdDate() }
        #expect(throws: SocialSecurityCodecError.invalidText(tag: 0x08)) { try TLVRecord(tag: 0x08, value: [0x41, 0x07]).asciiText() }
        #expect(CardDate(year: 2021, month: 3, day: 15)?.bcd == [0x20, 0x21, 0x03, 0x15])
    }

    @Test("GBK decoding covers a rare-but-GBK name character and rejects broken bytes")
    func gbk() throws {
        let bytes = try #require(GBKText.encode("欧阳喆"))
        #expect(bytes.count == 6)
        #expect(GBKText.decode(bytes) == "欧阳喆")
        #expect(GBKText.decode([0xD5]) == nil)
    }

    @Test("61xx is followed by GET RESPONSE and the data joined; 6Cxx resends with the corrected Le")
    func followUps() async throws {
        let card = ScriptedCard([
            [0x00, 0xA4, 0x04, 0x00]: [[0x6F, 0x02, 0x61, 0x03]],
            [0x00, 0xC0, 0x00, 0x00]: [[0x84, 0x01, 0x00, 0x90, 0x00]],
            [0x00, 0xB2, 0x01, 0x00]: [[0x6C, 0x04], [0x01, 0x02, 0x41, 0x42, 0x90, 0x00]],
        ])
        let exchange = APDUExchange(channel: card)
        let selected = try await exchange.send(SocialSecurityCommand.selectApplication)
        #expect(selected == ResponseAPDU(data: [0x6F, 0x02, 0x84, 0x01, 0x00], status: .success))
        let record = try await exchange.data(CommandAPDU(ins: 0xB2, p1: 0x01, p2: 0x00, le: 0x10), step: .readRecord(.cardIdentifier))
        #expect(record == [0x01, 0x02, 0x41, 0x42])
        let sent = await card.sent
        #expect(sent.map { Array($0.prefix(4)) } == [[0x00, 0xA4, 0x04, 0x00], [0x00, 0xC0, 0x00, 0x00], [0x00, 0xB2, 0x01, 0x00], [0x00, 0xB2, 0x01, 0x00]])
        #expect(sent[1].last == 0x03)
        #expect(sent[2].last == 0x10 && sent[3].last == 0x04)
    }

    @Test("a card that keeps asking for GET RESPONSE is given up")
    func endlessFollowUps() async throws {
        let card = ScriptedCard([[0x00, 0xC0, 0x00, 0x00]: Array(repeating: [0x61, 0x01], count: 20), [0x00, 0xB2, 0x01, 0x00]: [[0x61, 0x01]]])
        await #expect(throws: SocialSecurityError.self) { _ = try await APDUExchange(channel: card).send(CommandAPDU(ins: 0xB2, p1: 0x01, p2: 0x00)) }
    }

    @Test("a whole read: unknown application, PSAM needed, and a good card with a masked description")
    func application() async throws {
        let unknown = ScriptedCard([[0x00, 0xA4, 0x04, 0x00]: [[0x6A, 0x82]]])
        await #expect(throws: SocialSecurityError.unknownApplication) { _ = try await SocialSecurityApplication().read(over: unknown) }

        let locked = ScriptedCard.socialSecurity(readStatus: [0x69, 0x82])
        await #expect(throws: SocialSecurityError.status(.securityNotSatisfied, step: .readRecord(.cardIdentifier))) {
            _ = try await SocialSecurityApplication().read(over: locked)
        }

        let authenticated = Box()
        let card = try await SocialSecurityApplication(authenticationSteps: [RecordingStep(box: authenticated)]).read(over: ScriptedCard.socialSecurity())
        #expect(await authenticated.count == 1)
        #expect(card.holder.name == "张三丰")
        #expect(card.holder.socialSecurityNumber == "110101199003070019")
        #expect(card.holder.sex == .male)
        #expect(card.holder.nation.name == "汉")
        #expect(card.holder.birthDate.description == "1990-03-07")
        #expect(card.card.region == "110100")
        #expect(card.card.specificationVersion == "3.00")
        #expect(card.card.expiryDate.description == "2031-03-14")
        #expect(card.card.cardNumber == "A12345678")
        #expect(!card.card.isExpired(on: CardDate(year: 2031, month: 3, day: 14)!))
        #expect(card.card.isExpired(on: CardDate(year: 2031, month: 3, day: 15)!))
        for text in [card.description, String(reflecting: card), "\(card.holder)", "\(card.card)"] {
            #expect(!text.contains("张三丰") && !text.contains("110101199003070019") && !text.contains("A12345678"))
        }
        #expect(card.description.contains("张*丰") && card.description.contains("1101**********0019"))
    }

    @Test("errors have stable codes and say what to do")
    func errors() {
        #expect(SocialSecurityError.status(.securityNotSatisfied, step: .readRecord(.name)).code == "status.6982")
        #expect(SocialSecurityError.status(.securityNotSatisfied, step: .readRecord(.name)).description.contains("PSAM"))
        #expect(SocialSecurityError.unknownApplication.description.contains("social-security card"))
        #expect(PCSCError(code: Int(bitPattern: 0x8010_001D)) == .noService)
        #expect(PCSCError(code: 0) == nil)
        #expect(PCSCError(code: Int(bitPattern: 0x8010_0069)) == .noCard)
    }
}

/// Counts authentications.
actor Box {
    var count = 0
    func increment() { count += 1 }
}

/// An authentication step that only records that it ran (where a PSAM step would go).
struct RecordingStep: CardAuthenticationStep {
    let box: Box
    var name: String { "recording" }
    func authenticate(_ exchange: APDUExchange) async throws { await box.increment() }
}

/// A card that answers by command header from a script, for exchange tests without PC/SC.
actor ScriptedCard: CardChannel {
    private var answers: [[UInt8]: [[UInt8]]]
    private(set) var sent: [[UInt8]] = []

    init(_ answers: [[UInt8]: [[UInt8]]]) {
        self.answers = answers
    }

    func transmit(_ command: [UInt8]) async throws -> [UInt8] {
        sent.append(command)
        let header = Array(command.prefix(4))
        guard var queue = answers[header], !queue.isEmpty else { return [0x6D, 0x00] }
        let answer = queue.removeFirst()
        answers[header] = queue.isEmpty ? [answer] : queue
        return answer
    }

    /// A social-security card holding 张三丰's made-up data (as Tests/Helpers/vicc/ssse_card.py).
    static func socialSecurity(readStatus: [UInt8]? = nil) -> ScriptedCard {
        let name = GBKText.encode("张三丰")! + Array(repeating: 0x20, count: 24)
        let records: [UInt8: [UInt8]] = [
            0x01: Array("110100D156000005".utf8), 0x03: Array("3.00".utf8), 0x04: Array("110100000000".utf8),
            0x05: [0x20, 0x21, 0x03, 0x15], 0x06: [0x20, 0x31, 0x03, 0x14], 0x07: Array("A12345678".utf8),
            0x08: Array("110101199003070019".utf8), 0x09: name, 0x0A: [0x31], 0x0B: [0x01], 0x0D: [0x19, 0x90, 0x03, 0x07],
        ]
        var answers: [[UInt8]: [[UInt8]]] = [
            [0x00, 0xA4, 0x04, 0x00]: [[0x90, 0x00]],
            [0x00, 0xA4, 0x02, 0x00]: [[0x90, 0x00]],
        ]
        for (tag, value) in records {
            answers[[0x00, 0xB2, tag, 0x00]] = [readStatus ?? ([tag, UInt8(value.count)] + value + [0x90, 0x00])]
        }
        return ScriptedCard(answers)
    }
}
