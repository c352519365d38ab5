/// What enumeration tells about one USB device, without claiming it.
public struct USBDeviceInfo: Sendable, Hashable {
    public var vendor: UInt16
    public var product: UInt16
    public var bus: UInt8
    public var address: UInt8
    /// The sysfs port name, e.g. "1-1.4"; stable across re-plugging into the same socket.
    public var portPath: String
    /// bDeviceClass (0: each interface names its own class).
    public var deviceClass: UInt8
    /// The iSerialNumber string, when the device has one and it could be read.
    public var serialNumber: String?
    /// The interfaces of the active configuration (every alternate setting).
    public var interfaces: [USBInterfaceInfo]

    public init(
        vendor: UInt16, product: UInt16, bus: UInt8, address: UInt8, portPath: String,
        deviceClass: UInt8, serialNumber: String?, interfaces: [USBInterfaceInfo]
    ) {
        self.vendor = vendor
        self.product = product
        self.bus = bus
        self.address = address
        self.portPath = portPath
        self.deviceClass = deviceClass
        self.serialNumber = serialNumber
        self.interfaces = interfaces
    }

    /// How messages name this device.
    public var label: USBDeviceLabel {
        USBDeviceLabel(vendor: vendor, product: product, bus: bus, address: address, portPath: portPath)
    }
}
