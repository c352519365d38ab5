/// Names one USB device in messages and logs: vendor:product, the port it is plugged into and its usbfs node.
public struct USBDeviceLabel: Sendable, Hashable, CustomStringConvertible {
    public var vendor: UInt16
    public var product: UInt16
    public var bus: UInt8
    public var address: UInt8
    /// The sysfs name of the port, e.g. "1-1.4" (bus 1, root port 1, hub port 4); "usb1" for a root hub.
    public var portPath: String

    public init(vendor: UInt16, product: UInt16, bus: UInt8, address: UInt8, portPath: String) {
        self.vendor = vendor
        self.product = product
        self.bus = bus
        self.address = address
        self.portPath = portPath
    }

    /// "0416:5011", as `lsusb` and udev rules spell it.
    public var ids: String { "\(USBHex.word(vendor)):\(USBHex.word(product))" }

    /// The usbfs node that libusb opens, e.g. "/dev/bus/usb/001/002".
    public var devicePath: String { "/dev/bus/usb/\(USBHex.decimal(bus, width: 3))/\(USBHex.decimal(address, width: 3))" }

    /// "0416:5011 at port 1-1 (/dev/bus/usb/001/002)".
    public var description: String { "\(ids) at port \(portPath) (\(devicePath))" }
}
