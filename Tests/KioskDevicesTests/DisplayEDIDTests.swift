import KioskDevices
import Testing

/// The EDID base block parser, from the bytes of Tests/Helpers/display/display.umockdev's panel.
@Suite("EDID of a display connector")
struct DisplayEDIDTests {
    /// A BOE 15.6" panel: EDID 1.4, "NV156FHM-N4G", serial descriptor KX23A0712345, 1920x1080@60Hz (148.5 MHz).
    static let panel = hex("""
        00FFFFFFFFFFFF0009E55C0A674523010C210104A522137803EE95A3544C99260F505400000001010101010101010101010101010101\
        023A801871382D40582C450058C210000018000000FF004B58323341303731323334350A000000FE00424F452043510A202020202020\
        000000FC004E5631353646484D2D4E34470A00FD
        """)

    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16)! }
    }

    @Test("a real-looking block gives manufacturer, product, serial, name and the preferred mode")
    func parses() throws {
        let edid = try EDID(bytes: Self.panel)
        #expect(edid.manufacturer == "BOE")
        #expect(edid.productCode == 0x0A5C)
        #expect(edid.serialNumber == 0x0123_4567)
        #expect(edid.serialText == "KX23A0712345")
        #expect(edid.name == "NV156FHM-N4G")
        #expect(edid.version == "1.4")
        #expect(edid.week == 12 && edid.year == 2023)
        #expect(edid.preferredMode == EDID.Mode(width: 1920, height: 1080, pixelClockKHz: 148_500, refreshMilliHz: 60_000))
        #expect(edid.summary == "BOE 0x0A5C \"NV156FHM-N4G\" serial KX23A0712345, 1920x1080@60Hz, EDID 1.4")
    }

    @Test("an extension block after the base block is ignored")
    func extensionIgnored() throws {
        #expect(try EDID(bytes: Self.panel + [UInt8](repeating: 0x02, count: 128)).name == "NV156FHM-N4G")
    }

    @Test("one byte off by one fails the checksum")
    func checksum() {
        var bytes = Self.panel
        bytes[20] &+= 1
        #expect(throws: EDIDError.badChecksum(sum: 0x01)) { try EDID(bytes: bytes) }
    }

    @Test("a wrong header, a short block and an all-zero block are refused")
    func refused() {
        var header = Self.panel
        header[0] = 0xFF
        header[127] &-= 0xFF  // keep the sum right: only the header is wrong
        #expect(throws: EDIDError.badHeader) { try EDID(bytes: header) }
        #expect(throws: EDIDError.truncated(count: 100)) { try EDID(bytes: Array(Self.panel.prefix(100))) }
        #expect(throws: EDIDError.badHeader) { try EDID(bytes: [UInt8](repeating: 0, count: 128)) }
    }

    @Test("each error says what to check")
    func messages() {
        #expect(EDIDError.badChecksum(sum: 1).description.contains("reseat the display cable"))
        #expect(EDIDError.truncated(count: 3).description.contains("3 bytes"))
    }
}
