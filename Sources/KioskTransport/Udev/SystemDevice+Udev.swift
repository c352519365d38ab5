import CLibUdev
import KioskCore

extension SystemDevice {
    /// Copies what kioskd needs out of a libudev device (which stays owned by the caller).
    ///
    /// Attributes are read from sysfs now; pass `readAttributes: false` for a `remove` event,
    /// whose sysfs folder may already be gone (its properties come with the event).
    init?(udevDevice device: OpaquePointer, readAttributes: Bool = true) {
        guard let syspath = udev_device_get_syspath(device).map(String.init(cString:)),
            let subsystem = udev_device_get_subsystem(device).map(String.init(cString:))
        else { return nil }
        let devtype = udev_device_get_devtype(device).map(String.init(cString:))
        var properties: [String: String] = [:]
        var entry = udev_device_get_properties_list_entry(device)
        while let current = entry {
            if let name = udev_list_entry_get_name(current) {
                properties[String(cString: name)] = udev_list_entry_get_value(current).map(String.init(cString:)) ?? ""
            }
            entry = udev_list_entry_get_next(current)
        }
        var attributes: [String: String] = [:]
        if readAttributes {
            attributes = Self.udevAttributes(of: device)
            // A USB interface, a tty or an input device: its useful ids are on the USB device above it.
            if devtype != "usb_device", let parent = udev_device_get_parent_with_subsystem_devtype(device, "usb", "usb_device") {
                for (name, value) in Self.udevAttributes(of: parent) {
                    attributes["parent." + name] = value
                }
            }
        }
        self.init(
            syspath: syspath,
            subsystem: subsystem,
            devtype: devtype,
            devnode: udev_device_get_devnode(device).map(String.init(cString:)),
            properties: properties,
            attributes: attributes
        )
    }

    private static func udevAttributes(of device: OpaquePointer) -> [String: String] {
        var attributes: [String: String] = [:]
        for name in Udev.attributeNames {
            if let value = udev_device_get_sysattr_value(device, name) {
                attributes[name] = String(cString: value)
            }
        }
        return attributes
    }
}
