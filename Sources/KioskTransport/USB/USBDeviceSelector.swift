/// Which device `USBContext.open` should pick: vendor and product, narrowed by serial number or port
/// when several identical devices are plugged in (two printers of the same model, say).
public struct USBDeviceSelector: Sendable, Hashable, CustomStringConvertible {
    public var vendor: UInt16
    public var product: UInt16
    public var serialNumber: String?
    /// A sysfs port name such as "1-1.4".
    public var portPath: String?

    public init(vendor: UInt16, product: UInt16, serialNumber: String? = nil, portPath: String? = nil) {
        self.vendor = vendor
        self.product = product
        self.serialNumber = serialNumber
        self.portPath = portPath
    }

    /// "0416:5011 with serial KX58A0001 at port 1-1".
    public var description: String {
        var text = "\(USBHex.word(vendor)):\(USBHex.word(product))"
        if let serialNumber { text += " with serial \(serialNumber)" }
        if let portPath { text += " at port \(portPath)" }
        return text
    }

    /// Whether `device` is one this selector asks for.
    public func matches(_ device: USBDeviceInfo) -> Bool {
        device.vendor == vendor && device.product == product
            && (serialNumber == nil || device.serialNumber == serialNumber)
            && (portPath == nil || device.portPath == portPath)
    }
}
