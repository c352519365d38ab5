extension ProfileMatch {
    /// How specifically this profile recognises `device`: 3 by USB ids, 2 by udev properties,
    /// 1 by USB interface class, nil when it does not.
    public func specificity(for device: SystemDevice) -> Int? {
        if let subsystem, subsystem != device.subsystem { return nil }
        if !usbIDs.isEmpty, let id = device.usbID, usbIDs.contains(id) { return 3 }
        if !udevProperties.isEmpty, udevProperties.allSatisfy({ device.properties[$0.key] == $0.value }) { return 2 }
        if let usbInterfaceClass, device.usbInterfaceClasses.contains(usbInterfaceClass) { return 1 }
        return nil
    }
}

extension SystemDevice {
    /// The USB vendor and product id, from udev properties or sysfs attributes (own or the USB parent's).
    public var usbID: USBID? {
        let vendor = properties["ID_VENDOR_ID"] ?? attributes["idVendor"] ?? attributes["parent.idVendor"]
        let product = properties["ID_MODEL_ID"] ?? attributes["idProduct"] ?? attributes["parent.idProduct"]
        guard let vendor, let product, let v = UInt16(vendor, radix: 16), let p = UInt16(product, radix: 16) else { return nil }
        return USBID(vendor: v, product: p)
    }

    /// The USB serial number, from udev or sysfs.
    public var usbSerial: String? {
        properties["ID_SERIAL_SHORT"] ?? attributes["serial"] ?? attributes["parent.serial"]
    }

    /// The USB interface classes udev lists (`ID_USB_INTERFACES=:070102:` gives 7), or the interface's own class.
    public var usbInterfaceClasses: [UInt8] {
        var classes: [UInt8] = []
        if let list = properties["ID_USB_INTERFACES"] {
            for entry in list.split(separator: ":") where entry.count == 6 {
                if let value = UInt8(entry.prefix(2), radix: 16) { classes.append(value) }
            }
        }
        if let own = attributes["bInterfaceClass"], let value = UInt8(own, radix: 16) { classes.append(value) }
        return classes
    }
}
