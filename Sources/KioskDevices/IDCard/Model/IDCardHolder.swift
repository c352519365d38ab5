/// A citizen's data as read from a resident ID card.
///
/// **Personal data.** `description`, `debugDescription` and the mirror (`dump`, test failure output) show only a
/// masked name (张*三) and ID number (5325**********1234); never log a field directly.
///
/// **Value semantics and wiping.** This is a value type: every copy (a workflow's session, a task's capture) holds its
/// own reference to the same copy-on-write storage, and `wipe()` clears only the copy it is called on. Call it on the
/// last copy when the session ends, and keep no others. Swift does not zero freed memory: `wipe()` overwrites the photo
/// and fingerprint bytes in place when this copy is their only owner, and drops the strings, whose storage the
/// allocator may keep until it is reused.
public struct IDCardHolder: Sendable, Equatable, Hashable {
    /// 姓名, space-trimmed.
    public var name: String
    /// 性别.
    public var gender: IDCardGender
    /// 民族.
    public var nation: IDCardNation
    /// 出生.
    public var birthDate: IDCardDate
    /// 住址 as printed on the card.
    public var address: String
    /// 公民身份号码, 18 characters, an upper-case X as check character.
    public var idNumber: String
    /// 签发机关.
    public var issuingAuthority: String
    /// 有效期限 start.
    public var validFrom: IDCardDate
    /// 有效期限 end, a date or 长期.
    public var validTo: IDCardValidity
    /// The newest appended address (the card's chip records moves), when the card has one and it was read.
    public var appendedAddress: String?
    /// The photo, raw WLT.
    public var photo: IDCardPhoto
    /// Fingerprint feature data, raw, when it was asked for and the card holds it.
    public var fingerprint: [UInt8]?

    public init(
        name: String, gender: IDCardGender, nation: IDCardNation, birthDate: IDCardDate, address: String,
        idNumber: String, issuingAuthority: String, validFrom: IDCardDate, validTo: IDCardValidity,
        appendedAddress: String? = nil, photo: IDCardPhoto, fingerprint: [UInt8]? = nil
    ) {
        self.name = name
        self.gender = gender
        self.nation = nation
        self.birthDate = birthDate
        self.address = address
        self.idNumber = idNumber
        self.issuingAuthority = issuingAuthority
        self.validFrom = validFrom
        self.validTo = validTo
        self.appendedAddress = appendedAddress
        self.photo = photo
        self.fingerprint = fingerprint
    }

    /// What checking the ID number's ISO 7064 MOD 11-2 check character gives.
    public var idNumberCheck: IDCardNumberCheck { IDCardNumber.check(idNumber) }

    /// The address the citizen lives at now: the newest appended one, else the printed one.
    public var currentAddress: String { appendedAddress ?? address }

    /// Throws when the data cannot be trusted: an ID number whose check character is wrong or that is malformed.
    public func validate() throws(IDCardDataError) {
        switch idNumberCheck {
        case .valid: return
        case .wrongCheckCharacter: throw .checkDigitMismatch
        case .malformed: throw .malformedField(.idNumber)
        }
    }

    /// Overwrites the photo and fingerprint bytes and empties every text field of this copy (see the type's note).
    public mutating func wipe() {
        // Take the arrays out first, so that (when this copy was their only owner) the zeroing writes in place.
        var photoBytes = photo.bytes
        photo.bytes = []
        Self.zero(&photoBytes)
        if var fingerprintBytes = fingerprint {
            fingerprint = nil
            Self.zero(&fingerprintBytes)
        }
        name = ""
        address = ""
        idNumber = ""
        issuingAuthority = ""
        appendedAddress = nil
        gender = .unknown
        nation = IDCardNation(code: 0)
    }

    private static func zero(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = 0 }
        }
    }
}
