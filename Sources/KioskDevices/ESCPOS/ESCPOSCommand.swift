/// The ESC/POS commands kioskd sends, as bytes, declared once (shared PROTOCOLS.md §2; Epson ESC/POS
/// reference; python-escpos `constants.py`). Nothing else in the driver writes command bytes by hand.
public enum ESCPOSCommand {
    public static let escape: UInt8 = 0x1B
    public static let groupSeparator: UInt8 = 0x1D
    public static let fileSeparator: UInt8 = 0x1C
    public static let dataLinkEscape: UInt8 = 0x10
    public static let endOfTransmission: UInt8 = 0x04
    public static let enquiry: UInt8 = 0x05
    public static let deviceControl4: UInt8 = 0x14
    public static let lineFeed: UInt8 = 0x0A

    /// `ESC @`: initialise (clears the print buffer and resets every mode).
    public static let initialise: [UInt8] = [0x1B, 0x40]
    /// `FS &`: Chinese character mode on (bytes 0x81… start 2-byte GB18030 codes).
    public static let chineseModeOn: [UInt8] = [0x1C, 0x26]
    /// `FS .`: Chinese character mode off.
    public static let chineseModeOff: [UInt8] = [0x1C, 0x2E]

    /// `GS ! n`: character size; bits 4-6 width − 1, bits 0-2 height − 1 (each 1…8).
    public static func characterSize(_ size: TextSize) -> [UInt8] {
        [0x1D, 0x21, UInt8((size.width - 1) << 4 | (size.height - 1))]
    }

    /// `ESC E n`: emphasised (bold) on or off.
    public static func bold(_ on: Bool) -> [UInt8] {
        [0x1B, 0x45, on ? 1 : 0]
    }

    /// `ESC a n`: justification, 0 left, 1 centre, 2 right.
    public static func alignment(_ alignment: TextAlignment) -> [UInt8] {
        [0x1B, 0x61, alignment.rawValue]
    }

    /// `ESC d n`: print the buffer and feed `lines` lines.
    public static func feed(lines: UInt8) -> [UInt8] {
        [0x1B, 0x64, lines]
    }

    /// `GS V 1`: partial cut where the paper is now (the last lines printed are still below the cutter).
    public static let partialCut: [UInt8] = [0x1D, 0x56, 0x01]

    /// `GS V 66 n`: feed to the cutting position plus `dots` and cut partially.
    public static func feedAndPartialCut(dots: UInt8) -> [UInt8] {
        [0x1D, 0x56, 0x42, dots]
    }

    // MARK: QR code, GS ( k with cn = 0x31

    /// `GS ( k pL pH 31 fn …`: one QR function; pL pH count the bytes after them.
    static func qr(_ function: UInt8, _ parameters: [UInt8]) -> [UInt8] {
        let length = parameters.count + 2
        return [0x1D, 0x28, 0x6B, UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8), 0x31, function]
            + parameters
    }

    /// fn 0x41: model 2 (`n1` 0x32, `n2` 0).
    public static let qrModel2: [UInt8] = qr(0x41, [0x32, 0x00])

    /// fn 0x43: module size in dots, 1…16.
    public static func qrModuleSize(_ dots: UInt8) -> [UInt8] {
        qr(0x43, [dots])
    }

    /// fn 0x45: error correction level, 0x30 L … 0x33 H.
    public static func qrErrorCorrection(_ level: QRErrorCorrection) -> [UInt8] {
        qr(0x45, [level.rawValue])
    }

    /// fn 0x50: store `data` in the symbol storage area (pL pH = data length + 3, then 0x30).
    public static func qrStore(_ data: [UInt8]) -> [UInt8] {
        qr(0x50, [0x30] + data)
    }

    /// fn 0x51: print the stored symbol.
    public static let qrPrint: [UInt8] = qr(0x51, [0x30])

    // MARK: Status

    /// `DLE EOT n`: real-time status request, answered with one status byte as soon as it is received.
    public static func statusRequest(_ request: StatusRequest) -> [UInt8] {
        [0x10, 0x04, request.rawValue]
    }

    /// `DLE EOT 1`, `2`, `3`, `4` in one write: the full status, four bytes back in that order.
    public static let fullStatusRequest: [UInt8] = StatusRequest.allCases.flatMap(statusRequest)

    /// `GS a n`: automatic status back; `n` bits 1 online/offline, 2 errors, 3 paper roll (0 disables).
    public static func automaticStatusBack(_ mask: UInt8) -> [UInt8] {
        [0x1D, 0x61, mask]
    }

    /// The `GS a` mask kioskd enables: online/offline, errors and paper roll (not the drawer).
    public static let automaticStatusBackMask: UInt8 = 0x0E

    /// `GS r 1`: transmit the paper sensor status. Unlike `DLE EOT` it is processed in turn, after
    /// the data before it has been printed, so its answer marks the end of a job.
    public static let transmitPaperStatus: [UInt8] = [0x1D, 0x72, 0x01]

    /// How many `DLE EOT n` (n 1…4) requests `bytes` hold, wherever they are: the printer answers each
    /// one, even inside a QR payload or a parameter, with a status byte nobody asked for.
    public static func embeddedStatusRequests(in bytes: [UInt8]) -> Int {
        guard bytes.count >= 3 else { return 0 }
        var count = 0
        for index in 0..<(bytes.count - 2)
        where bytes[index] == dataLinkEscape && bytes[index + 1] == endOfTransmission
            && StatusRequest(rawValue: bytes[index + 2]) != nil {
            count += 1
        }
        return count
    }
}
