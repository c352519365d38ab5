import KioskDevices
import Testing

/// The text block and the holder: UCS-2 fields, codes, dates, the ID number's check character, masking.
@Suite("ID card: text block and holder")
struct IDCardTextBlockTests {
    typealias Support = IDCardTestSupport

    static let photo = IDCardPhoto(bytes: [UInt8](repeating: 0x57, count: 1024))

    /// A synthetic, valid ID number: region 99xxxx (no such area), the birth date, a sequence, its check character.
    static func idNumber(_ region: String, _ birth: String, _ sequence: String) -> String {
        let first17 = region + birth + sequence
        return first17 + String(Support.checkCharacter(first17))
    }

    @Test("a text block decodes field by field, spaces trimmed")
    func decodes() throws {
        let id = Self.idNumber("990101", "19850312", "001")
        let block = Support.textBlock(idNumber: id)
        #expect(block.count == 256)
        let holder = try IDCardTextBlock.decode(block, photo: Self.photo)
        #expect(holder.name == "张测试")
        #expect(holder.gender == .male)
        #expect(holder.nation == IDCardNation(code: 1))
        #expect(holder.nation.name == "汉")
        #expect(holder.birthDate == IDCardDate(year: 1985, month: 3, day: 12))
        #expect(holder.address == "测试省示例市虚构区模拟路001号")
        #expect(holder.idNumber == id)
        #expect(holder.idNumberCheck == .valid)
        #expect(holder.issuingAuthority == "示例市公安局虚构分局")
        #expect(holder.validFrom == IDCardDate(year: 2015, month: 6, day: 1))
        #expect(holder.validTo == .until(IDCardDate(year: 2035, month: 6, day: 1)!))
        #expect(holder.photo == Self.photo)
        #expect(holder.appendedAddress == nil)
        #expect(holder.fingerprint == nil)
    }

    @Test("the codec's encoder writes the same block the test builds by hand, and it decodes back")
    func encodeMatches() throws {
        let id = Self.idNumber("990101", "19850312", "001")
        let holder = try IDCardTextBlock.decode(Support.textBlock(idNumber: id), photo: Self.photo)
        #expect(IDCardTextBlock.encode(holder) == Support.textBlock(idNumber: id))
    }

    @Test("valid to 长期 is long-term validity")
    func longTerm() throws {
        let holder = try IDCardTextBlock.decode(
            Support.textBlock(idNumber: Self.idNumber("990102", "19580720", "002"), validTo: "长期"), photo: Self.photo)
        #expect(holder.validTo == .longTerm)
        #expect(!holder.validTo.isExpired(on: IDCardDate(year: 2099, month: 1, day: 1)!))
        #expect(IDCardValidity.until(IDCardDate(year: 2020, month: 1, day: 1)!).isExpired(on: IDCardDate(year: 2020, month: 1, day: 2)!))
    }

    @Test("gender codes 0, 1, 2 and 9", arguments: [("0", IDCardGender.unknown), ("1", .male), ("2", .female), ("9", .notStated)])
    func genders(code: String, gender: IDCardGender) throws {
        let holder = try IDCardTextBlock.decode(Support.textBlock(gender: code), photo: Self.photo)
        #expect(holder.gender == gender)
    }

    @Test("a gender code outside 0, 1, 2, 9 is a typed error naming the field")
    func badGender() {
        #expect(throws: IDCardDataError.malformedField(.gender)) {
            try IDCardTextBlock.decode(Support.textBlock(gender: "3"), photo: Self.photo)
        }
    }

    @Test("dates that are not YYYYMMDD days are typed errors", arguments: [
        (["birth": "1985031"], IDCardDataError.Field.birthDate), (["birth": "19850230"], .birthDate),
        (["from": "2015AB01"], .validFrom), (["to": "永久"], .validTo),
    ])
    func badDates(fields: [String: String], field: IDCardDataError.Field) {
        #expect(throws: IDCardDataError.malformedField(field)) {
            try IDCardTextBlock.decode(
                Support.textBlock(birth: fields["birth"] ?? "19850312", validFrom: fields["from"] ?? "20150601", validTo: fields["to"] ?? "20350601"),
                photo: Self.photo)
        }
    }

    @Test("the nation table is GB 3304-1991 in full: 56 nationalities, 97 and 98")
    func nationTable() throws {
        #expect(IDCardNation.names.count == 58)
        #expect(Set(IDCardNation.names.keys) == Set(Array(1...56) + [97, 98]))
        let spotChecks: [Int: String] = [
            1: "汉", 2: "蒙古", 3: "回", 4: "藏", 5: "维吾尔", 10: "朝鲜", 11: "满", 15: "土家", 22: "畲", 29: "柯尔克孜",
            30: "土", 37: "仡佬", 43: "乌孜别克", 44: "俄罗斯", 50: "塔塔尔", 55: "珞巴", 56: "基诺", 97: "其他", 98: "外国血统中国籍人士",
        ]
        for (code, name) in spotChecks { #expect(IDCardNation(code: code).name == name) }
        #expect(IDCardNation(code: 57).name == nil)
        let holder = try IDCardTextBlock.decode(Support.textBlock(nation: "98"), photo: Self.photo)
        #expect(holder.nation.name == "外国血统中国籍人士")
    }

    @Test("MOD 11-2 check characters computed by the test's own rule are accepted, X included")
    func checkDigitGood() {
        let numbers = [
            Self.idNumber("990101", "19850312", "001"), Self.idNumber("990102", "19580720", "002"),
            Self.idNumber("990105", "19770228", "019"), Self.idNumber("990104", "19921005", "004"),
        ]
        #expect(numbers[2].last == "X")
        for number in numbers {
            #expect(IDCardNumber.isValid(number))
            #expect(IDCardNumber.checkCharacter(forFirst17: number.prefix(17)) == number.last)
        }
        #expect(IDCardNumber.isValid(numbers[2].lowercased()))
    }

    @Test("a wrong check character is flagged on decode and refused by validate()")
    func checkDigitBad() throws {
        let good = Self.idNumber("990104", "19921005", "004")
        let bad = good.prefix(17) + (good.last == "1" ? "2" : "1")
        let holder = try IDCardTextBlock.decode(Support.textBlock(idNumber: String(bad)), photo: Self.photo)
        #expect(holder.idNumberCheck == .wrongCheckCharacter)
        #expect(throws: IDCardDataError.checkDigitMismatch) { try holder.validate() }
        #expect(IDCardNumber.check("99010119850312001") == .malformed)
        #expect(IDCardNumber.check("9901011985031200A1") == .malformed)
    }

    @Test("a lower-case x as check character is stored as X")
    func lowerCaseX() throws {
        let number = Self.idNumber("990105", "19770228", "019").lowercased()
        let holder = try IDCardTextBlock.decode(Support.textBlock(idNumber: number), photo: Self.photo)
        #expect(holder.idNumber.last == "X")
        #expect(holder.idNumberCheck == .valid)
    }

    // MARK: Personal data

    @Test("canary: the holder's description, debug description and dump show only the masked name and ID number")
    func maskingCanary() throws {
        let id = Self.idNumber("990101", "19850312", "001")
        var holder = try IDCardTextBlock.decode(Support.textBlock(idNumber: id), photo: Self.photo)
        holder.appendedAddress = "测试省示例市虚构区新址路18号"
        holder.fingerprint = [1, 2, 3]
        var dumped = ""
        dump(holder, to: &dumped)
        for text in [holder.description, holder.debugDescription, String(describing: holder), String(reflecting: holder), dumped, "\(holder)"] {
            #expect(!text.contains("张测试"))
            #expect(!text.contains(id))
            #expect(!text.contains("19850312"))
            #expect(!text.contains("虚构区"))
            #expect(!text.contains("示例市公安局"))
        }
        #expect(holder.description.contains("张*试"))
        #expect(holder.description.contains("9901**********" + id.suffix(4)))
        #expect(holder.description.contains("WLT photo, 1024 bytes"))
    }

    @Test("masking keeps the first and last characters of a name and four at each end of an ID number")
    func maskingRules() {
        #expect(IDCardHolder.mask(name: "张三丰") == "张*丰")
        #expect(IDCardHolder.mask(name: "欧阳测试") == "欧**试")
        #expect(IDCardHolder.mask(name: "李四") == "李*")
        #expect(IDCardHolder.mask(name: "王") == "*")
        #expect(IDCardHolder.mask(idNumber: "532501199001011234") == "5325**********1234")
        #expect(IDCardHolder.mask(idNumber: "1234") == "****")
    }

    @Test("wipe() empties the text fields and drops the photo and fingerprint of that copy")
    func wipe() throws {
        var holder = try IDCardTextBlock.decode(Support.textBlock(), photo: Self.photo, fingerprint: [9, 9], appendedAddress: "测试路")
        holder.wipe()
        #expect(holder.name.isEmpty && holder.idNumber.isEmpty && holder.address.isEmpty && holder.issuingAuthority.isEmpty)
        #expect(holder.appendedAddress == nil && holder.fingerprint == nil && holder.photo.bytes.isEmpty)
    }
}
