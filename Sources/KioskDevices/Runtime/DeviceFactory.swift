import KioskCore
import Logging

/// Makes the `ManagedDevice` of one configured device: one case per driver kind.
///
/// Adding a device family is adding its case here (and its `ManagedDevice` type in the family's folder). A kind
/// without an implementation gets a `PlaceholderDevice` that reports `offline`, "driver not available yet".
public struct DeviceFactory: Sendable {
    /// Where drivers keep their counters (paper fed, cards read); nil keeps none.
    public var counters: (any DeviceCounterStore)?
    /// The libusb context shared by USB devices.
    public var usb: USBContextProvider
    public var logger: Logger

    public init(counters: (any DeviceCounterStore)? = nil, usb: USBContextProvider? = nil, logger: Logger) {
        self.counters = counters
        self.usb = usb ?? USBContextProvider(logger: logger)
        self.logger = logger
    }

    /// The managed device for `configuration` at `endpoint` (nil when nothing is there to open).
    public func make(_ configuration: DeviceConfiguration, profile: DeviceProfile?, endpoint: DeviceEndpoint?) -> any ManagedDevice {
        guard let profile else {
            return PlaceholderDevice(id: configuration.id, reason: "profile \(configuration.profile) is not installed; check devices/ in the share folder")
        }
        var logger = logger
        logger[metadataKey: "device"] = "\(configuration.id)"
        switch profile.driver {
        case .idCardGA467:
            guard let endpoint else { return Self.nothingToOpen(configuration) }
            return IDCardManagedDevice(
                id: configuration.id, profile: profile, endpoint: endpoint, usb: usb, counters: counters, logger: logger)
        case .escpos:
            guard let endpoint else { return Self.nothingToOpen(configuration) }
            return ESCPOSManagedDevice(
                id: configuration.id, profile: profile, endpoint: endpoint, usb: usb, counters: counters, logger: logger)
        case .qrSerial:
            guard let endpoint else { return Self.nothingToOpen(configuration) }
            return SerialQRScannerManagedDevice(id: configuration.id, profile: profile, endpoint: endpoint, logger: logger)
        case .qrHID:
            guard let endpoint else { return Self.nothingToOpen(configuration) }
            return HIDQRScannerManagedDevice(id: configuration.id, profile: profile, endpoint: endpoint, logger: logger)
        case .pcsc:
            return SocialSecurityReaderDevice(
                id: configuration.id, configuration: SocialSecurityReaderConfiguration(profile: profile, match: configuration.match), logger: logger)
        case .cups:
            guard let a4 = A4PrinterConfiguration(profile: profile, match: configuration.match) else { return Self.nothingToOpen(configuration) }
            return A4PrinterDevice(id: configuration.id, configuration: a4, logger: logger)
        case .touchDisplay:
            return TouchDisplayDevice(id: configuration.id, settings: TouchDisplaySettings(profile: profile), endpoint: endpoint, logger: logger)
        }
    }

    /// The placeholder of a device whose binding gives its driver nothing to open.
    static func nothingToOpen(_ configuration: DeviceConfiguration) -> PlaceholderDevice {
        PlaceholderDevice(id: configuration.id, reason: "nothing to open: no emulator runs for it, or its match names no node this driver can use")
    }
}
