/// One device of the kiosk: a logical id, what it does, its model profile and how to find it.
public struct DeviceConfiguration: Sendable, Equatable {
    /// Logical id that survives unplug and replug, e.g. `receipt-printer`.
    public var id: String
    /// What the device does for the workflows.
    public var role: DeviceRole
    /// Profile name under `devices/`, e.g. `escpos/generic-80mm`.
    public var profile: String
    /// How the physical device is found.
    public var match: DeviceMatch
    /// Bureau that owns this device's faults; the kiosk's owner when absent.
    public var owner: String?

    public init(id: String, role: DeviceRole, profile: String, match: DeviceMatch, owner: String? = nil) {
        self.id = id
        self.role = role
        self.profile = profile
        self.match = match
        self.owner = owner
    }
}

/// How a configured device is bound to what the system sees.
public enum DeviceMatch: Sendable, Equatable {
    /// A serial port by path or stable link (`/dev/serial/by-id/…`).
    case serial(path: String)
    /// A USB device by vendor and product id, told apart by serial number or port path when given.
    case usb(vendor: UInt16, product: UInt16, serial: String?, port: String?)
    /// Any device whose udev properties include all of these (e.g. `ID_INPUT_TOUCHSCREEN: "1"`).
    case udev(properties: [String: String])
    /// A PC/SC reader by name (prefix), for smart cards.
    case pcsc(reader: String)
    /// A CUPS queue by name, for A4 printers.
    case cups(queue: String)
    /// The emulator that `kioskd --simulate` starts for this device.
    case emulated
}
