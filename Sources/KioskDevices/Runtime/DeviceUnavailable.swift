import KioskCore

/// Why the hub cannot hand a workflow the driver it asked for; each message says what to check.
public enum DeviceUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    /// No configured device has this id.
    case notConfigured(id: String)
    /// No configured device has this role.
    case noDevice(role: DeviceRole)
    /// The device exists but another driver serves it.
    case wrongDriver(id: String, driver: DriverKind?, wanted: String)
    /// The device is not present (unplugged, not found, no emulator).
    case notPresent(id: String, detail: String)
    /// The device is present but its driver could not open it.
    case notOpen(id: String, detail: String)

    public var description: String {
        switch self {
        case .notConfigured(let id):
            "no device \"\(id)\" is configured; `kioskctl devices` lists them"
        case .noDevice(let role):
            "no device with role \(role.rawValue) is configured"
        case .wrongDriver(let id, let driver, let wanted):
            "device \"\(id)\" is driven by \(driver?.rawValue ?? "no known driver"), not as \(wanted); check its profile"
        case .notPresent(let id, let detail):
            "device \"\(id)\" is not present: \(detail)"
        case .notOpen(let id, let detail):
            "device \"\(id)\" could not be opened: \(detail)"
        }
    }
}

/// How a workflow names the device it wants: by logical id or by role (the first configured device with it).
public enum DeviceReference: Sendable, Hashable, CustomStringConvertible {
    case id(String)
    case role(DeviceRole)

    public var description: String {
        switch self {
        case .id(let id): id
        case .role(let role): "role \(role.rawValue)"
        }
    }
}
