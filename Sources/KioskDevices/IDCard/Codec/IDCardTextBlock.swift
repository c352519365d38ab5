/// The 256-byte text block: UCS-2 little-endian fields padded with spaces (`20 00`), at fixed offsets.
public enum IDCardTextBlock {
    /// The block's size.
    public static let size = 256

    /// Where each field lies in the block (byte offsets and lengths).
    public enum Layout {
        public static let name = 0..<30
        public static let gender = 30..<32
        public static let nation = 32..<36
        public static let birthDate = 36..<52
        public static let address = 52..<122
        public static let idNumber = 122..<158
        public static let issuingAuthority = 158..<188
        public static let validFrom = 188..<204
        public static let validTo = 204..<220
        public static let reserved = 220..<256
    }

    /// The holder described by `text` (a 256-byte block), with the photo and optional parts added.
    ///
    /// The ID number's check character is not enforced here (`IDCardHolder.idNumberCheck` tells); everything else
    /// that is not as the layout says throws.
    public static func decode(
        _ text: [UInt8], photo: IDCardPhoto, fingerprint: [UInt8]? = nil, appendedAddress: String? = nil
    ) throws(IDCardDataError) -> IDCardHolder {
        guard text.count >= size else { throw .tooShort(what: "text block", expected: size, received: text.count) }
        func field(_ range: Range<Int>) -> String { decodeUCS2(text[range]) }

        guard let genderCode = UInt8(field(Layout.gender)), let gender = IDCardGender(rawValue: genderCode) else {
            throw .malformedField(.gender)
        }
        guard let nationCode = Int(field(Layout.nation)), nationCode > 0 else { throw .malformedField(.nation) }
        guard let birthDate = IDCardDate(text: field(Layout.birthDate)) else { throw .malformedField(.birthDate) }
        guard let validFrom = IDCardDate(text: field(Layout.validFrom)) else { throw .malformedField(.validFrom) }
        guard let validTo = IDCardValidity(text: field(Layout.validTo)) else { throw .malformedField(.validTo) }
        let name = field(Layout.name)
        guard !name.isEmpty else { throw .malformedField(.name) }
        var idNumber = field(Layout.idNumber)
        if idNumber.last == "x" { idNumber = idNumber.dropLast() + "X" }
        return IDCardHolder(
            name: name, gender: gender, nation: IDCardNation(code: nationCode), birthDate: birthDate,
            address: field(Layout.address), idNumber: idNumber, issuingAuthority: field(Layout.issuingAuthority),
            validFrom: validFrom, validTo: validTo, appendedAddress: appendedAddress, photo: photo, fingerprint: fingerprint
        )
    }

    /// The block for `holder`, as a card stores it (for emulators and tests). Fields too long for their slot are cut.
    public static func encode(_ holder: IDCardHolder) -> [UInt8] {
        var block = [UInt8]()
        block.reserveCapacity(size)
        func append(_ value: String, _ range: Range<Int>) {
            block += encodeUCS2(value, byteCount: range.count)
        }
        append(holder.name, Layout.name)
        append(String(holder.gender.rawValue), Layout.gender)
        append(holder.nation.code < 10 ? "0\(holder.nation.code)" : String(holder.nation.code), Layout.nation)
        append(holder.birthDate.text, Layout.birthDate)
        append(holder.address, Layout.address)
        append(holder.idNumber, Layout.idNumber)
        append(holder.issuingAuthority, Layout.issuingAuthority)
        append(holder.validFrom.text, Layout.validFrom)
        append(holder.validTo.text, Layout.validTo)
        append("", Layout.reserved)
        return block
    }

    /// UCS-2 little-endian bytes as text, with the padding spaces (and any NULs) at either end trimmed.
    public static func decodeUCS2(_ bytes: some Collection<UInt8>) -> String {
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var iterator = bytes.makeIterator()
        while let low = iterator.next(), let high = iterator.next() {
            units.append(UInt16(high) << 8 | UInt16(low))
        }
        let text = String(decoding: units, as: UTF16.self)
        return text.trimmingPadding()
    }

    /// `text` as UCS-2 little-endian, cut or padded with spaces to `byteCount` bytes.
    public static func encodeUCS2(_ text: String, byteCount: Int) -> [UInt8] {
        var bytes = [UInt8]()
        bytes.reserveCapacity(byteCount)
        for unit in text.utf16 where bytes.count + 2 <= byteCount {
            bytes.append(UInt8(truncatingIfNeeded: unit))
            bytes.append(UInt8(truncatingIfNeeded: unit >> 8))
        }
        while bytes.count + 2 <= byteCount { bytes += [0x20, 0x00] }
        if bytes.count < byteCount { bytes.append(0x00) }
        return bytes
    }
}

extension String {
    /// Without the spaces and NULs a fixed-width card field is padded with.
    fileprivate func trimmingPadding() -> String {
        let padding: (Character) -> Bool = { $0 == " " || $0 == "\u{0}" || $0 == "\u{3000}" }
        guard let first = firstIndex(where: { !padding($0) }), let last = lastIndex(where: { !padding($0) }) else { return "" }
        return String(self[first...last])
    }
}
