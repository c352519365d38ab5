import KioskCore

/// A change the device registry reports: a device appeared, disappeared or changed state.
public struct RegistryEvent: Sendable, Equatable {
    /// What changed.
    public enum Kind: String, Sendable, Equatable {
        case appeared, disappeared, stateChanged
    }

    public var kind: Kind
    /// The logical device id.
    public var deviceID: String
    /// The state after the change.
    public var state: DeviceState
    /// The state before.
    public var previous: DeviceState
    /// The physical device bound after the change (nil when it disappeared).
    public var binding: DeviceBinding?

    public init(kind: Kind, deviceID: String, state: DeviceState, previous: DeviceState, binding: DeviceBinding?) {
        self.kind = kind
        self.deviceID = deviceID
        self.state = state
        self.previous = previous
        self.binding = binding
    }
}
