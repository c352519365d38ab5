import KioskCore

/// Decides whether a discovered device is the one a configured device's match describes.
enum DeviceMatcher {
    /// True when `device` is what `configured.match` names (USB by ids, serial or port; a tty by node or link; udev properties).
    static func matches(_ configured: DeviceConfiguration, _ device: SystemDevice, profile: DeviceProfile?) -> Bool {
        switch configured.match {
        case .usb(let vendor, let product, let serial, let port):
            guard device.subsystem == "usb", device.devtype == "usb_device",
                  device.usbID == USBID(vendor: vendor, product: product) else { return false }
            if let serial, device.usbSerial != serial { return false }
            if let port, device.sysname != port { return false }
            return true
        case .serial(let path):
            return device.subsystem == "tty" && (device.devnode == path || device.devlinks.contains(path))
        case .udev(let properties):
            if let subsystem = profile?.match.subsystem, subsystem != device.subsystem { return false }
            return isUsableNode(device) && properties.allSatisfy { device.properties[$0.key] == $0.value }
        case .pcsc, .cups, .emulated:
            return false
        }
    }

    /// True for a device a driver can open: it has a node, and for input devices it is the evdev node
    /// (`/dev/input/eventN`), not the `inputN` parent or the legacy `mouseN` node that carry the same properties.
    static func isUsableNode(_ device: SystemDevice) -> Bool {
        guard let devnode = device.devnode else { return false }
        return device.subsystem != "input" || devnode.hasPrefix("/dev/input/event")
    }

    /// True when the device is found through udev at all (not through pcscd, cupsd or an emulator).
    static func isUdevBound(_ match: DeviceMatch) -> Bool {
        switch match {
        case .usb, .serial, .udev: true
        case .pcsc, .cups, .emulated: false
        }
    }
}
