import KioskCore

/// The subjects of kiosk-level checks, as they appear in faults and in the `device` alert label.
public enum KioskCheckID {
    /// Free space in the state folder.
    public static let disk = "kiosk.disk"
    /// System clock synchronised.
    public static let clock = "kiosk.clock"
    /// The touch UI's browser.
    public static let browser = "kiosk.browser"
    /// The heartbeat alert's subject.
    public static let heartbeat = "kiosk"

    /// A department backend's subject, `kiosk.backend.nr`.
    public static func backend(_ department: Department) -> String { "kiosk.backend.\(department.rawValue)" }

    /// The department a backend subject names.
    public static func department(of subject: String) -> Department? {
        guard subject.hasPrefix("kiosk.backend.") else { return nil }
        return Department(rawValue: String(subject.dropFirst("kiosk.backend.".count)))
    }
}
