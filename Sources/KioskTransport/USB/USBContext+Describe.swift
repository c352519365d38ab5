import CLibUSB
import Foundation

extension USBContext {
    /// How messages name `device`; safe inside a hot-plug callback (reads only cached descriptors).
    static func label(of device: OpaquePointer) -> USBDeviceLabel {
        var descriptor = libusb_device_descriptor()
        _ = libusb_get_device_descriptor(device, &descriptor)
        let bus = libusb_get_bus_number(device)
        var ports = [UInt8](repeating: 0, count: 8)
        let depth = libusb_get_port_numbers(device, &ports, Int32(ports.count))
        let portPath =
            depth > 0
            ? "\(bus)-" + ports.prefix(Int(depth)).map(String.init).joined(separator: ".")
            : "usb\(bus)"
        return USBDeviceLabel(
            vendor: descriptor.idVendor, product: descriptor.idProduct, bus: bus,
            address: libusb_get_device_address(device), portPath: portPath)
    }

    /// Everything enumeration tells about `device`.
    func describe(_ device: LibusbPointer) -> USBDeviceInfo {
        var descriptor = libusb_device_descriptor()
        _ = libusb_get_device_descriptor(device.raw, &descriptor)
        let label = Self.label(of: device.raw)
        return USBDeviceInfo(
            vendor: label.vendor, product: label.product, bus: label.bus, address: label.address,
            portPath: label.portPath, deviceClass: descriptor.bDeviceClass,
            serialNumber: serialNumber(of: device, index: descriptor.iSerialNumber, label: label),
            interfaces: interfaces(of: device))
    }

    /// The interfaces of the active configuration (or the first one when the device is unconfigured).
    private func interfaces(of device: LibusbPointer) -> [USBInterfaceInfo] {
        var config: UnsafeMutablePointer<libusb_config_descriptor>?
        if libusb_get_active_config_descriptor(device.raw, &config) != 0 {
            guard libusb_get_config_descriptor(device.raw, 0, &config) == 0 else { return [] }
        }
        guard let config else { return [] }
        defer { libusb_free_config_descriptor(config) }
        var result: [USBInterfaceInfo] = []
        for interfaceIndex in 0..<Int(config.pointee.bNumInterfaces) {
            let interface = config.pointee.interface[interfaceIndex]
            for settingIndex in 0..<Int(interface.num_altsetting) {
                let setting = interface.altsetting[settingIndex]
                let endpoints = (0..<Int(setting.bNumEndpoints)).map { endpointIndex in
                    let endpoint = setting.endpoint[endpointIndex]
                    return USBEndpointInfo(
                        address: endpoint.bEndpointAddress, attributes: endpoint.bmAttributes,
                        maxPacketSize: endpoint.wMaxPacketSize)
                }
                result.append(
                    USBInterfaceInfo(
                        number: setting.bInterfaceNumber, alternateSetting: setting.bAlternateSetting,
                        interfaceClass: setting.bInterfaceClass, interfaceSubclass: setting.bInterfaceSubClass,
                        interfaceProtocol: setting.bInterfaceProtocol, endpoints: endpoints))
            }
        }
        return result
    }

    /// The serial number: from sysfs when Linux has it (the kernel read the string descriptor at
    /// enumeration, so the device is not woken or opened), else through a GET_DESCRIPTOR control
    /// transfer when the device can be opened; nil when it has none or cannot be read.
    private func serialNumber(of device: LibusbPointer, index: UInt8, label: USBDeviceLabel) -> String? {
        guard index != 0 else { return nil }
        if let text = try? String(contentsOfFile: "/sys/bus/usb/devices/\(label.portPath)/serial", encoding: .utf8) {
            let serial = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !serial.isEmpty { return serial }
        }
        var handle: OpaquePointer?
        let opened = libusb_open(device.raw, &handle)
        guard opened == 0, let handle else {
            logger.debug(
                "cannot open USB device to read its serial number",
                metadata: ["device": "\(label)", "error": "\(USBError.libusbName(opened))"])
            return nil
        }
        defer { libusb_close(handle) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = libusb_get_string_descriptor_ascii(handle, index, &buffer, Int32(buffer.count))
        guard count > 0 else {
            logger.debug(
                "cannot read USB serial number string",
                metadata: ["device": "\(label)", "error": "\(USBError.libusbName(count))"])
            return nil
        }
        return String(decoding: buffer.prefix(Int(count)), as: UTF8.self)
    }
}
