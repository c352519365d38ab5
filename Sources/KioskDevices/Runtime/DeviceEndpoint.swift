import KioskCore
import KioskTransport

/// Where a managed device is reached: the node, link, USB device, reader or queue its driver opens.
///
/// The hub derives it from the registry's binding (or, for `match: {emulated: true}`, from the simulation), and
/// hands it to the factory; a replug at another node gives another endpoint and a fresh `ManagedDevice`.
public enum DeviceEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// A serial line: a tty, a stable link (`/dev/serial/by-id/…`) or an emulator's pty link.
    case serial(path: String)
    /// A USB device, chosen by ids and narrowed by serial number and port.
    case usb(USBDeviceSelector)
    /// An evdev input node (`/dev/input/eventN` or a `/dev/input/by-id/…` link).
    case input(path: String)
    /// A PC/SC reader by name prefix.
    case pcsc(reader: String)
    /// A CUPS queue by name.
    case cups(queue: String)

    public var description: String {
        switch self {
        case .serial(let path): "serial port \(path)"
        case .usb(let selector): "USB \(selector)"
        case .input(let path): "input device \(path)"
        case .pcsc(let reader): "PC/SC reader \(reader)"
        case .cups(let queue): "CUPS queue \(queue)"
        }
    }

    /// The endpoint a configured device bound to `binding` is reached at, as its profile's transport says.
    ///
    /// A `serial` match keeps the configured path (a stable link survives a replug better than `/dev/ttyUSB0`);
    /// nil when the binding gives nothing the transport can open (a USB match for a serial-only profile).
    public static func bound(_ configuration: DeviceConfiguration, profile: DeviceProfile?, binding: DeviceBinding) -> DeviceEndpoint? {
        if case .serial(let path) = configuration.match { return .serial(path: path) }
        let transport = profile?.transport ?? configuration.match.transport
        switch transport {
        case .serial:
            return binding.devnode.map { .serial(path: $0) }
        case .input:
            return binding.devnode.map { .input(path: $0) }
        case .usb:
            if case .usb(let vendor, let product, let serial, _) = configuration.match {
                return .usb(USBDeviceSelector(vendor: vendor, product: product, serialNumber: serial, portPath: binding.port))
            }
            guard let ids = binding.usbID.flatMap(Self.usbID) else { return nil }
            return .usb(USBDeviceSelector(vendor: ids.vendor, product: ids.product, serialNumber: binding.serial, portPath: binding.port))
        case .pcsc, .cups, .none:
            return nil
        }
    }

    /// The endpoint of a device that udev does not bind (a PC/SC reader, a CUPS queue); nil for the others.
    public static func unbound(_ configuration: DeviceConfiguration) -> DeviceEndpoint? {
        switch configuration.match {
        case .pcsc(let reader): .pcsc(reader: reader)
        case .cups(let queue): .cups(queue: queue)
        case .serial, .usb, .udev, .emulated: nil
        }
    }

    /// `0416:5011` → its two ids.
    static func usbID(_ text: String) -> USBID? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let vendor = UInt16(parts[0], radix: 16), let product = UInt16(parts[1], radix: 16) else { return nil }
        return USBID(vendor: vendor, product: product)
    }
}
