import Foundation

/// A configured device's state as the API and kioskctl show it.
public struct DeviceStatus: Codable, Sendable, Equatable {
    /// Logical id from the configuration (`receipt-printer`).
    public var id: String
    public var role: DeviceRole
    /// Profile id (`escpos/generic-80mm`).
    public var profile: String
    /// Bureau that owns its faults.
    public var owner: String
    public var state: DeviceState
    /// Why it is in this state, in words.
    public var detail: String
    /// The physical device it is bound to now, when it is present.
    public var binding: DeviceBinding?
    /// Since when it has been in this state.
    public var since: Date

    public init(id: String, role: DeviceRole, profile: String, owner: String, state: DeviceState, detail: String, binding: DeviceBinding?, since: Date) {
        self.id = id
        self.role = role
        self.profile = profile
        self.owner = owner
        self.state = state
        self.detail = detail
        self.binding = binding
        self.since = since
    }
}

/// The physical device a logical one is bound to.
public struct DeviceBinding: Codable, Sendable, Equatable, Hashable {
    /// sysfs path.
    public var syspath: String
    /// Device node, when there is one.
    public var devnode: String?
    /// USB ids as `vvvv:pppp`, when it is a USB device.
    public var usbID: String?
    /// USB serial number, when it has one.
    public var serial: String?
    /// Kernel name, for USB the port path (`1-1.4`).
    public var port: String

    public init(device: SystemDevice) {
        syspath = device.syspath
        devnode = device.devnode
        usbID = device.usbID?.description
        serial = device.usbSerial
        port = device.sysname
    }
}

/// A device udev shows that a profile recognises, whether or not the configuration uses it.
public struct DiscoveredDevice: Codable, Sendable, Equatable {
    public var syspath: String
    public var subsystem: String
    public var devnode: String?
    public var usbID: String?
    public var serial: String?
    /// The most specific profile that recognises it.
    public var profile: String
    /// The configured device bound to it, if any.
    public var boundTo: String?

    public init(syspath: String, subsystem: String, devnode: String?, usbID: String?, serial: String?, profile: String, boundTo: String?) {
        self.syspath = syspath
        self.subsystem = subsystem
        self.devnode = devnode
        self.usbID = usbID
        self.serial = serial
        self.profile = profile
        self.boundTo = boundTo
    }
}

/// Body of `GET /api/v1/devices`.
public struct DeviceList: Codable, Sendable, Equatable {
    /// The configured devices, in configuration order.
    public var configured: [DeviceStatus]
    /// Devices seen by udev that a profile recognises.
    public var discovered: [DiscoveredDevice]

    public init(configured: [DeviceStatus], discovered: [DiscoveredDevice]) {
        self.configured = configured
        self.discovered = discovered
    }
}
