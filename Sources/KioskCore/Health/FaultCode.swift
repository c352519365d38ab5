/// A stable fault code such as `printer.paper-out`; codes appear in alerts, metrics, the store and reports.
///
/// Codes are open (a struct, not an enum) so that a new device family adds its own without touching
/// every switch; the fault catalogue in KioskHealth gives each one its severity, texts and action.
public struct FaultCode: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
}

extension FaultCode {
    // Any device.
    /// The configured device is not present (unplugged, no node, no queue).
    public static let deviceMissing: FaultCode = "device.missing"
    /// The device is present but does not answer.
    public static let deviceNotAnswering: FaultCode = "device.not-answering"
    /// The driver failed in a way that names no better code.
    public static let deviceDriverError: FaultCode = "device.driver-error"

    // Receipt printer (ESC/POS).
    public static let printerPaperOut: FaultCode = "printer.paper-out"
    public static let printerPaperNearEnd: FaultCode = "printer.paper-near-end"
    public static let printerCoverOpen: FaultCode = "printer.cover-open"
    public static let printerCutterError: FaultCode = "printer.cutter-error"
    public static let printerUnrecoverable: FaultCode = "printer.unrecoverable"
    public static let printerOffline: FaultCode = "printer.offline"

    // ID-card reader.
    public static let idCardSAMFailure: FaultCode = "idcard.sam-failure"

    // Social-security card reader (PC/SC).
    public static let pcscServiceDown: FaultCode = "pcsc.service-down"
    public static let pcscReaderMissing: FaultCode = "pcsc.reader-missing"

    // A4 printer (CUPS).
    public static let a4MediaEmpty: FaultCode = "a4.media-empty"
    public static let a4MediaJam: FaultCode = "a4.media-jam"
    public static let a4CoverOpen: FaultCode = "a4.cover-open"
    public static let a4TonerLow: FaultCode = "a4.toner-low"
    public static let a4TonerEmpty: FaultCode = "a4.toner-empty"
    public static let a4Offline: FaultCode = "a4.offline"
    public static let a4QueueStopped: FaultCode = "a4.queue-stopped"
    public static let a4NotAccepting: FaultCode = "a4.not-accepting"

    // Touch display.
    public static let displayTouchMissing: FaultCode = "display.touch-missing"
    public static let displayDisconnected: FaultCode = "display.disconnected"
    public static let displayBacklightOff: FaultCode = "display.backlight-off"

    // The kiosk as a whole.
    public static let kioskDiskLow: FaultCode = "kiosk.disk-low"
    public static let kioskClockUnsynchronised: FaultCode = "kiosk.clock-unsynchronised"
    public static let kioskBackendUnreachable: FaultCode = "kiosk.backend-unreachable"
    public static let kioskBrowserDown: FaultCode = "kiosk.browser-down"
}
