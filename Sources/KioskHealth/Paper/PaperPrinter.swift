import KioskCore
import Logging

/// A receipt printer whose paper is forecast: its roll length and the hours when staff can replace the roll.
public struct PaperPrinter: Sendable, Equatable {
    public var deviceID: String
    /// The profile's `paper_roll_length_mm`, else `defaultRollMillimetres`.
    public var rollMillimetres: Int64
    /// The profile's `paper_warning_hours`, else 08:00–18:00 local time.
    public var workingHours: WorkingHours

    /// An 80 mm × 50 m roll, the common kiosk roll, for profiles that do not say.
    public static let defaultRollMillimetres: Int64 = 50_000

    public init(deviceID: String, rollMillimetres: Int64 = PaperPrinter.defaultRollMillimetres, workingHours: WorkingHours = WorkingHours()) {
        self.deviceID = deviceID
        self.rollMillimetres = rollMillimetres
        self.workingHours = workingHours
    }

    /// Every configured receipt printer, with what its profile says (a bad `paper_warning_hours` is logged and the
    /// default used).
    public static func printers(_ devices: [DeviceConfiguration], profiles: ProfileCatalogue, logger: Logger) -> [PaperPrinter] {
        devices.filter { $0.role == .receiptPrinter }.map { device in
            let parameters = profiles.profiles[device.profile]?.parameters ?? [:]
            var printer = PaperPrinter(deviceID: device.id)
            if let length = parameters["paper_roll_length_mm"]?.integerValue { printer.rollMillimetres = Int64(length) }
            if let text = parameters["paper_warning_hours"].map({ "\($0)" }) {
                if let hours = WorkingHours(text) {
                    printer.workingHours = hours
                } else {
                    logger.warning("paper_warning_hours is not HH:MM-HH:MM; using 08:00-18:00", metadata: [
                        "device": "\(device.id)", "profile": "\(device.profile)", "value": "\(text)",
                    ])
                }
            }
            return printer
        }
    }
}
