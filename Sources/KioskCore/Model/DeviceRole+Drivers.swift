extension DeviceRole {
    /// The drivers that can serve this role.
    public var drivers: [DriverKind] {
        switch self {
        case .idCardReader: [.idCardGA467]
        case .socialSecurityCardReader: [.pcsc]
        case .receiptPrinter: [.escpos]
        case .a4Printer: [.cups]
        case .qrScanner: [.qrSerial, .qrHID]
        case .touchDisplay: [.touchDisplay]
        }
    }
}

extension DeviceMatch {
    /// The transport this match binds through; nil for `udev` (any transport) and `emulated`.
    public var transport: TransportKind? {
        switch self {
        case .serial: .serial
        case .usb: .usb
        case .pcsc: .pcsc
        case .cups: .cups
        case .udev, .emulated: nil
        }
    }
}
