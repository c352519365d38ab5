/// The drivers kioskd has; a profile names one, and each accepts its own parameters.
public enum DriverKind: String, Sendable, CaseIterable, Codable {
    /// Resident-ID-card reader speaking the GA 467 SAM protocol.
    case idCardGA467 = "idcard-ga467"
    /// ESC/POS receipt printer.
    case escpos
    /// Smart-card reader through pcsc-lite (social-security cards).
    case pcsc
    /// A4 printer through a CUPS queue.
    case cups
    /// QR scanner on a serial line, one code per CR/LF-terminated line.
    case qrSerial = "qr-serial"
    /// QR scanner in USB HID keyboard mode, read through evdev.
    case qrHID = "qr-hid"
    /// Touch panel, display connector and backlight.
    case touchDisplay = "touch-display"

    /// The transports this driver can use.
    public var transports: [TransportKind] {
        switch self {
        case .idCardGA467: [.serial, .usb]
        case .escpos: [.usb, .serial]
        case .pcsc: [.pcsc]
        case .cups: [.cups]
        case .qrSerial: [.serial]
        case .qrHID: [.input]
        case .touchDisplay: [.input]
        }
    }

    /// The parameters this driver accepts, with what each may hold.
    public var parameters: [String: ProfileParameter.Kind] {
        switch self {
        case .idCardGA467: ["read_fingerprint": .boolean, "poll_interval": .duration, "retries": .integer(0...5)]
        case .escpos: [
            "paper_width_mm": .oneOf([58, 80]), "auto_status_back": .boolean, "chinese_mode": .boolean,
            "paper_roll_length_mm": .integer(1...500_000), "feed_lines_before_cut": .integer(0...20),
            "paper_warning_hours": .text,
        ]
        case .pcsc: ["reader_name_prefix": .text, "exclusive": .boolean]
        case .cups: ["media": .text, "job_timeout": .duration]
        case .qrSerial: ["terminator": .text, "max_length": .integer(1...8192)]
        case .qrHID: ["grab": .boolean, "max_length": .integer(1...8192)]
        case .touchDisplay: ["idle_touch_suspicion": .duration, "backlight_writable": .boolean]
        }
    }
}

/// How a driver reaches its device.
public enum TransportKind: String, Sendable, CaseIterable, Codable {
    case serial, usb, pcsc, cups, input
}
