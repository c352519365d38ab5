/// A device model: how it is recognised, which driver serves it, its parameters and health schedule.
///
/// Profiles live in `devices/<family>/<model>.yaml`; adding a model is adding a file, not code.
public struct DeviceProfile: Sendable, Equatable {
    /// `family/model`, the file's path under `devices/` without `.yaml`; configurations name it.
    public var id: String
    /// English name for maintainers.
    public var name: String
    /// Chinese name for maintainers.
    public var nameZH: String
    /// The driver that serves the model.
    public var driver: DriverKind
    /// The transport the driver uses.
    public var transport: TransportKind
    /// How a discovered device is recognised as this model.
    public var match: ProfileMatch
    /// Serial line settings, for serial transports.
    public var serial: SerialSettings?
    /// USB interface and endpoints, for USB transports.
    public var usb: USBEndpoints?
    /// Driver parameters, checked against the driver's own list.
    public var parameters: [String: ProfileParameter]
    /// When the health probe runs.
    public var health: HealthSchedule

    public init(
        id: String, name: String, nameZH: String, driver: DriverKind, transport: TransportKind,
        match: ProfileMatch, serial: SerialSettings? = nil, usb: USBEndpoints? = nil,
        parameters: [String: ProfileParameter] = [:], health: HealthSchedule = .init()
    ) {
        self.id = id
        self.name = name
        self.nameZH = nameZH
        self.driver = driver
        self.transport = transport
        self.match = match
        self.serial = serial
        self.usb = usb
        self.parameters = parameters
        self.health = health
    }

    /// The family, the first part of the id (`escpos` of `escpos/generic-80mm`).
    public var family: String { String(id.split(separator: "/").first ?? "") }
}

/// How a profile recognises discovered devices; any listed way is enough.
public struct ProfileMatch: Sendable, Equatable {
    /// USB vendor and product ids of the models this profile covers.
    public var usbIDs: [USBID]
    /// A USB interface class that marks the family (7 for printers) when the ids are not listed.
    public var usbInterfaceClass: UInt8?
    /// udev properties a device must all have (e.g. `ID_INPUT_TOUCHSCREEN: "1"` on `input`).
    public var udevProperties: [String: String]
    /// The subsystem the device node is in (`usb`, `tty`, `input`, `drm`).
    public var subsystem: String?

    public init(usbIDs: [USBID] = [], usbInterfaceClass: UInt8? = nil, udevProperties: [String: String] = [:], subsystem: String? = nil) {
        self.usbIDs = usbIDs
        self.usbInterfaceClass = usbInterfaceClass
        self.udevProperties = udevProperties
        self.subsystem = subsystem
    }

    /// True when the profile gives no way to recognise a device by itself (it is bound by configuration only).
    public var isConfigurationOnly: Bool {
        usbIDs.isEmpty && usbInterfaceClass == nil && udevProperties.isEmpty
    }
}

/// A USB vendor and product id pair.
public struct USBID: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var vendor: UInt16
    public var product: UInt16

    public init(vendor: UInt16, product: UInt16) {
        self.vendor = vendor
        self.product = product
    }

    /// `0416:5011`, lower-case hex as udev and lsusb write it.
    public var description: String { Self.hex(vendor) + ":" + Self.hex(product) }

    /// Four lower-case hex digits.
    public static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// The USB interface and endpoints a driver uses.
public struct USBEndpoints: Sendable, Equatable {
    public var interface: Int
    /// Bulk OUT endpoint address (e.g. 0x01).
    public var endpointOut: UInt8
    /// Bulk IN endpoint address (e.g. 0x82), when the device answers.
    public var endpointIn: UInt8?

    public init(interface: Int = 0, endpointOut: UInt8, endpointIn: UInt8? = nil) {
        self.interface = interface
        self.endpointOut = endpointOut
        self.endpointIn = endpointIn
    }
}

/// When a device's health probe runs.
public struct HealthSchedule: Sendable, Equatable {
    /// Time between probes.
    public var interval: Duration
    /// Time one probe may take before it counts as failed.
    public var timeout: Duration
    /// Failed probes in a row before a fault is raised.
    public var failuresBeforeFault: Int

    public init(interval: Duration = .seconds(30), timeout: Duration = .seconds(2), failuresBeforeFault: Int = 3) {
        self.interval = interval
        self.timeout = timeout
        self.failuresBeforeFault = failuresBeforeFault
    }
}
