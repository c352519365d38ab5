/// A device as udev describes it: what enumeration returns and what hot-plug events carry.
public struct SystemDevice: Sendable, Equatable, Hashable, Codable {
    /// The sysfs path, e.g. `/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.4`.
    public var syspath: String
    /// The kernel subsystem: `usb`, `tty`, `input`, `drm`, `backlight`…
    public var subsystem: String
    /// The device type within the subsystem (`usb_device`, `usb_interface`…), when there is one.
    public var devtype: String?
    /// The device node, e.g. `/dev/bus/usb/001/002` or `/dev/ttyUSB0`, when there is one.
    public var devnode: String?
    /// udev properties (`ID_VENDOR_ID`, `ID_MODEL_ID`, `ID_SERIAL_SHORT`, `ID_INPUT_TOUCHSCREEN`, `DEVLINKS`…).
    public var properties: [String: String]
    /// The sysfs attributes read at enumeration that matching needs (`idVendor`, `idProduct`, `serial`, `busnum`, `devnum`).
    public var attributes: [String: String]

    public init(
        syspath: String,
        subsystem: String,
        devtype: String? = nil,
        devnode: String? = nil,
        properties: [String: String] = [:],
        attributes: [String: String] = [:]
    ) {
        self.syspath = syspath
        self.subsystem = subsystem
        self.devtype = devtype
        self.devnode = devnode
        self.properties = properties
        self.attributes = attributes
    }

    /// The last component of the sysfs path: for a USB device its port path, e.g. `1-1.4`.
    public var sysname: String {
        syspath.split(separator: "/").last.map(String.init) ?? syspath
    }

    /// The stable links udev made for the node (`/dev/serial/by-id/…`), from `DEVLINKS`.
    public var devlinks: [String] {
        (properties["DEVLINKS"] ?? "").split(separator: " ").map(String.init)
    }
}

/// A hot-plug event from udev.
public struct SystemDeviceEvent: Sendable, Equatable, Codable {
    /// What happened.
    public enum Action: String, Sendable, Codable, CaseIterable {
        case add, remove, change, bind, unbind, move, online, offline
    }

    /// What happened.
    public var action: Action
    /// The device it happened to (on `remove`, sysfs attributes may already be gone: rely on properties).
    public var device: SystemDevice

    public init(action: Action, device: SystemDevice) {
        self.action = action
        self.device = device
    }
}
