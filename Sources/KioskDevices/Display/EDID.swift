import Foundation

/// The base block of a monitor's EDID (VESA E-EDID 1.3/1.4), as DRM exposes it in `/sys/class/drm/cardN-CONNECTOR/edid`.
///
/// Only what a maintainer needs to tell which panel is fitted: the PNP manufacturer id, product code, serial number,
/// the name and serial descriptors, and the preferred (first detailed) timing. The layout is declared once in `Layout`.
public struct EDID: Sendable, Equatable {
    /// One detailed timing: the mode the panel prefers.
    public struct Mode: Sendable, Equatable, CustomStringConvertible {
        public var width: Int
        public var height: Int
        /// Pixel clock in kHz.
        public var pixelClockKHz: Int
        /// Refresh rate in mHz (59940 for 59.94 Hz), from the clock and the total (active + blanking) size.
        public var refreshMilliHz: Int

        public init(width: Int, height: Int, pixelClockKHz: Int, refreshMilliHz: Int) {
            self.width = width
            self.height = height
            self.pixelClockKHz = pixelClockKHz
            self.refreshMilliHz = refreshMilliHz
        }

        public var description: String {
            let hertz = Double(refreshMilliHz) / 1000
            return "\(width)x\(height)@" + (refreshMilliHz % 1000 == 0 ? "\(refreshMilliHz / 1000)" : String(format: "%.2f", hertz)) + "Hz"
        }
    }

    /// Three-letter PNP id of the manufacturer (`BOE`, `DEL`).
    public var manufacturer: String
    /// Manufacturer's product code.
    public var productCode: UInt16
    /// Numeric serial number (0 when the maker left it out).
    public var serialNumber: UInt32
    /// EDID version and revision (`1.4`).
    public var version: String
    /// Week (0 when not given) and year of manufacture.
    public var week: Int
    public var year: Int
    /// Monitor name descriptor (tag FC), if any.
    public var name: String?
    /// Serial number descriptor (tag FF), if any.
    public var serialText: String?
    /// The first detailed timing, the preferred mode.
    public var preferredMode: Mode?

    /// Byte offsets of the base block.
    enum Layout {
        static let size = 128
        static let header: [UInt8] = [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00]
        static let manufacturer = 8  // 2 bytes, big-endian, three 5-bit letters ('A' = 1)
        static let productCode = 10  // 2 bytes, little-endian
        static let serialNumber = 12  // 4 bytes, little-endian
        static let week = 16
        static let year = 17  // + 1990
        static let version = 18
        static let revision = 19
        static let descriptors = [54, 72, 90, 108]  // 18 bytes each
        static let descriptorSize = 18
        static let nameTag: UInt8 = 0xFC
        static let serialTag: UInt8 = 0xFF
    }

    /// Parses the base block of `bytes` (extension blocks after it are ignored); throws when it is not a valid EDID.
    public init(bytes: [UInt8]) throws(EDIDError) {
        guard bytes.count >= Layout.size else { throw .truncated(count: bytes.count) }
        let block = Array(bytes.prefix(Layout.size))
        guard Array(block.prefix(Layout.header.count)) == Layout.header else { throw .badHeader }
        let sum = block.reduce(UInt8(0)) { $0 &+ $1 }
        guard sum == 0 else { throw .badChecksum(sum: sum) }

        let packed = UInt16(block[Layout.manufacturer]) << 8 | UInt16(block[Layout.manufacturer + 1])
        manufacturer = String(String.UnicodeScalarView([10, 5, 0].map { shift in
            Unicode.Scalar(UInt8(0x40 + (packed >> shift) & 0x1F))
        }))
        productCode = UInt16(block[Layout.productCode]) | UInt16(block[Layout.productCode + 1]) << 8
        serialNumber = (0..<4).reduce(UInt32(0)) { $0 | UInt32(block[Layout.serialNumber + $1]) << (8 * $1) }
        version = "\(block[Layout.version]).\(block[Layout.revision])"
        week = Int(block[Layout.week])
        year = 1990 + Int(block[Layout.year])

        for offset in Layout.descriptors {
            let descriptor = Array(block[offset..<offset + Layout.descriptorSize])
            if descriptor[0] != 0 || descriptor[1] != 0 {
                if preferredMode == nil { preferredMode = Self.mode(descriptor) }
            } else if descriptor[3] == Layout.nameTag {
                name = Self.text(descriptor)
            } else if descriptor[3] == Layout.serialTag {
                serialText = Self.text(descriptor)
            }
        }
    }

    /// A detailed timing descriptor (non-zero pixel clock).
    static func mode(_ d: [UInt8]) -> Mode {
        let clock = (Int(d[0]) | Int(d[1]) << 8) * 10  // 10 kHz units
        let width = Int(d[2]) | Int(d[4] & 0xF0) << 4
        let horizontalBlank = Int(d[3]) | Int(d[4] & 0x0F) << 8
        let height = Int(d[5]) | Int(d[7] & 0xF0) << 4
        let verticalBlank = Int(d[6]) | Int(d[7] & 0x0F) << 8
        let total = (width + horizontalBlank) * (height + verticalBlank)
        let refresh = total > 0 ? Int((Int64(clock) * 1_000_000 + Int64(total) / 2) / Int64(total)) : 0
        return Mode(width: width, height: height, pixelClockKHz: clock, refreshMilliHz: refresh)
    }

    /// The 13 text bytes of a display descriptor, up to the line feed, without padding.
    static func text(_ d: [UInt8]) -> String {
        let bytes = d[5..<18].prefix { $0 != 0x0A }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
    }

    /// One line for maintainers: `BOE 0x0A5C "NV156FHM-N4G" serial KX23A0712345, 1920x1080@60Hz, EDID 1.4`.
    public var summary: String {
        let code = String(productCode, radix: 16, uppercase: true)
        var parts = [manufacturer + " 0x" + String(repeating: "0", count: max(0, 4 - code.count)) + code]
        if let name { parts[0] += " \"\(name)\"" }
        if let serialText, !serialText.isEmpty {
            parts[0] += " serial \(serialText)"
        } else if serialNumber != 0 {
            parts[0] += " serial \(serialNumber)"
        }
        if let preferredMode { parts.append(preferredMode.description) }
        parts.append("EDID \(version)")
        return parts.joined(separator: ", ")
    }
}
