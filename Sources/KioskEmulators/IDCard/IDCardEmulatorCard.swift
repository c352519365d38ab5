import KioskDevices

/// A card the emulator can present: a holder's data as the chip stores it.
///
/// The sample cards are fictional test citizens: names such as 张测试, region code 99xxxx (allocated to no area),
/// check characters computed by the MOD 11-2 rule (except on the card made to fail it).
public struct IDCardEmulatorCard: Sendable, Equatable {
    /// The name the CLI and tests use (`zhang`).
    public var key: String
    /// What the card holds (its appended address and fingerprint included).
    public var holder: IDCardHolder

    public init(key: String, holder: IDCardHolder) {
        self.key = key
        self.holder = holder
    }

    /// 张测试: male, 汉, appended address, 1024-byte fingerprint.
    public static let zhang = sample(
        key: "zhang", name: "张测试", gender: .male, nation: 1, birth: "19850312", sequence: "001",
        region: "990101", validFrom: "20150601", validTo: "20350601",
        appendedAddress: "测试省示例市虚构区新址路18号", fingerprintBytes: 1024
    )
    /// 李示例: female, 回, valid 长期 (long-term), appended address, no fingerprint data.
    public static let li = sample(
        key: "li", name: "李示例", gender: .female, nation: 3, birth: "19580720", sequence: "002",
        region: "990102", validFrom: "20100105", validTo: "长期", appendedAddress: "测试省样例市演示县新街9号"
    )
    /// 王样本: male, 壮, no appended address (the module answers 0x91), a 512-byte fingerprint.
    public static let wang = sample(
        key: "wang", name: "王样本", gender: .male, nation: 8, birth: "20001130", sequence: "003",
        region: "990103", validFrom: "20200115", validTo: "20300115", fingerprintBytes: 512
    )
    /// 欧阳测试: female, 维吾尔, a four-character name and an ID number whose check character is X.
    public static let ouyang = sample(
        key: "ouyang", name: "欧阳测试", gender: .female, nation: 5, birth: "19770228", sequence: "019",
        region: "990105", validFrom: "20180808", validTo: "20380808"
    )
    /// 赵校验: an ID number with a wrong check character, which the driver must refuse.
    public static let zhaoBadCheckDigit = sample(
        key: "zhao", name: "赵校验", gender: .female, nation: 98, birth: "19921005", sequence: "004",
        region: "990104", validFrom: "20120301", validTo: "20320301", wrongCheckCharacter: true
    )

    /// Every sample card.
    public static let samples: [IDCardEmulatorCard] = [zhang, li, wang, ouyang, zhaoBadCheckDigit]

    /// A fictional card; the ID number is `region + birth + sequence` and its check character (or a wrong one).
    public static func sample(
        key: String, name: String, gender: IDCardGender, nation: Int, birth: String, sequence: String, region: String,
        validFrom: String, validTo: String, appendedAddress: String? = nil, fingerprintBytes: Int? = nil,
        wrongCheckCharacter: Bool = false
    ) -> IDCardEmulatorCard {
        let first17 = region + birth + sequence
        let check = IDCardNumber.checkCharacter(forFirst17: first17) ?? "0"
        let wrong: Character = check == "0" ? "1" : "0"
        let birthDate = IDCardDate(text: birth) ?? IDCardDate(year: 1970, month: 1, day: 1)!
        return IDCardEmulatorCard(
            key: key,
            holder: IDCardHolder(
                name: name, gender: gender, nation: IDCardNation(code: nation), birthDate: birthDate,
                address: "测试省示例市虚构区模拟路\(sequence)号", idNumber: first17 + String(wrongCheckCharacter ? wrong : check),
                issuingAuthority: "示例市公安局虚构分局", validFrom: IDCardDate(text: validFrom) ?? birthDate,
                validTo: IDCardValidity(text: validTo) ?? .longTerm, appendedAddress: appendedAddress,
                photo: IDCardPhoto(bytes: syntheticBytes(count: 1024, seed: key, tag: "WLT")),
                fingerprint: fingerprintBytes.map { syntheticBytes(count: $0, seed: key, tag: "FPR") }
            )
        )
    }

    /// Deterministic filler that starts with a tag, standing in for a WLT photo or fingerprint features.
    static func syntheticBytes(count: Int, seed: String, tag: String) -> [UInt8] {
        var state = seed.utf8.reduce(UInt32(2_166_136_261)) { ($0 ^ UInt32($1)) &* 16_777_619 }
        var bytes = Array(tag.utf8.prefix(count))
        while bytes.count < count {
            state = state &* 1_664_525 &+ 1_013_904_223
            bytes.append(UInt8(truncatingIfNeeded: state >> 24))
        }
        return bytes
    }
}
