import Foundation
import KioskCore

/// The registry's logic as a value type: which physical device each configured device is bound to,
/// and each device's state. Every change returns the events it causes; no I/O, time comes in.
public struct DeviceRegistryState: Sendable {
    /// A configured device's current entry.
    struct Entry: Sendable {
        var configuration: DeviceConfiguration
        var state: DeviceState
        var detail: String
        var binding: SystemDevice?
        var since: Date
    }

    private(set) var entries: [Entry]
    /// Present devices by syspath.
    private(set) var present: [String: SystemDevice] = [:]
    let profiles: ProfileCatalogue
    let defaultOwner: String

    /// A registry for the configured devices, none of them bound yet.
    public init(devices: [DeviceConfiguration], profiles: ProfileCatalogue, defaultOwner: String, now: Date) {
        self.profiles = profiles
        self.defaultOwner = defaultOwner
        entries = devices.map { device in
            let udevBound = DeviceMatcher.isUdevBound(device.match)
            return Entry(
                configuration: device,
                state: udevBound ? .noDevice : .offline,
                detail: udevBound ? "not found yet" : "waiting for its driver",
                binding: nil,
                since: now
            )
        }
    }

    /// Replaces what is present with a full enumeration.
    public mutating func apply(snapshot devices: [SystemDevice], now: Date) -> [RegistryEvent] {
        present = Dictionary(devices.map { ($0.syspath, $0) }, uniquingKeysWith: { _, last in last })
        return rebind(now: now)
    }

    /// Applies one hot-plug event.
    public mutating func handle(_ event: SystemDeviceEvent, now: Date) -> [RegistryEvent] {
        switch event.action {
        case .add, .change, .bind, .move, .online:
            present[event.device.syspath] = event.device
        case .remove:
            present.removeValue(forKey: event.device.syspath)
        case .unbind, .offline:
            break
        }
        return rebind(now: now)
    }

    /// Sets a device's state from its driver or health probe (ignored for unknown ids).
    ///
    /// udev decides presence: a device found through udev that is not bound stays `noDevice`, whatever a probe of
    /// the driver it had says (a probe that began before the unplug can end after it).
    public mutating func setState(_ id: String, _ state: DeviceState, detail: String, now: Date) -> [RegistryEvent] {
        guard let index = entries.firstIndex(where: { $0.configuration.id == id }) else { return [] }
        if DeviceMatcher.isUdevBound(entries[index].configuration.match), entries[index].binding == nil, state != .noDevice {
            return []
        }
        let previous = entries[index].state
        entries[index].detail = detail
        guard previous != state else { return [] }
        entries[index].state = state
        entries[index].since = now
        return [RegistryEvent(kind: .stateChanged, deviceID: id, state: state, previous: previous, binding: entries[index].binding.map(DeviceBinding.init))]
    }

    /// Keeps each binding whose device is still present, binds unbound devices to free matching ones,
    /// and marks lost ones `noDevice`.
    private mutating func rebind(now: Date) -> [RegistryEvent] {
        var events: [RegistryEvent] = []
        var claimed = Set<String>()
        for index in entries.indices {
            if let bound = entries[index].binding, let current = present[bound.syspath],
               DeviceMatcher.matches(entries[index].configuration, current, profile: profile(of: entries[index])) {
                entries[index].binding = current
                claimed.insert(current.syspath)
                let matching = present.values.filter { DeviceMatcher.matches(entries[index].configuration, $0, profile: profile(of: entries[index])) }.count
                if entries[index].state == .online {
                    entries[index].detail = Self.presenceDetail(matching: matching)
                }
            } else if entries[index].binding != nil {
                entries[index].binding = nil
            }
        }
        for index in entries.indices {
            let entry = entries[index]
            guard DeviceMatcher.isUdevBound(entry.configuration.match) else { continue }
            let previous = entry.state
            if entry.binding == nil {
                let candidates = present.values
                    .filter { !claimed.contains($0.syspath) && DeviceMatcher.matches(entry.configuration, $0, profile: profile(of: entry)) }
                    .sorted { ($0.devnode == nil ? 1 : 0, $0.syspath) < ($1.devnode == nil ? 1 : 0, $1.syspath) }
                if let chosen = candidates.first {
                    claimed.insert(chosen.syspath)
                    entries[index].binding = chosen
                    entries[index].state = .online
                    entries[index].since = now
                    entries[index].detail = Self.presenceDetail(matching: candidates.count)
                    events.append(RegistryEvent(kind: .appeared, deviceID: entry.configuration.id, state: .online, previous: previous, binding: DeviceBinding(device: chosen)))
                } else if previous != .noDevice {
                    entries[index].state = .noDevice
                    entries[index].since = now
                    entries[index].detail = "unplugged or not found"
                    events.append(RegistryEvent(kind: .disappeared, deviceID: entry.configuration.id, state: .noDevice, previous: previous, binding: nil))
                }
            }
        }
        return events
    }

    /// "present", or how to choose when several devices match.
    static func presenceDetail(matching: Int) -> String {
        matching > 1 ? "\(matching) devices match; add a serial or port to the match to choose" : "present"
    }

    private func profile(of entry: Entry) -> DeviceProfile? {
        profiles.profiles[entry.configuration.profile]
    }

    /// The configured devices with their state, in configuration order.
    public var statuses: [DeviceStatus] {
        entries.map { entry in
            DeviceStatus(
                id: entry.configuration.id,
                role: entry.configuration.role,
                profile: entry.configuration.profile,
                owner: entry.configuration.owner ?? defaultOwner,
                state: entry.state,
                detail: entry.detail,
                binding: entry.binding.map(DeviceBinding.init),
                since: entry.since
            )
        }
    }

    /// Present devices a profile recognises, with the configured device bound to each, sorted by syspath.
    public var discovered: [DiscoveredDevice] {
        let boundTo = Dictionary(entries.compactMap { entry in entry.binding.map { ($0.syspath, entry.configuration.id) } }, uniquingKeysWith: { first, _ in first })
        return present.values
            .filter { $0.devtype != "usb_interface" && ($0.subsystem != "input" || DeviceMatcher.isUsableNode($0)) }
            .compactMap { device in
                guard let profile = profiles.profiles(recognising: device).first ?? boundProfile(device, boundTo) else { return nil }
                return DiscoveredDevice(
                    syspath: device.syspath, subsystem: device.subsystem, devnode: device.devnode,
                    usbID: device.usbID?.description, serial: device.usbSerial, profile: profile.id,
                    boundTo: boundTo[device.syspath]
                )
            }
            .sorted { $0.syspath < $1.syspath }
    }

    private func boundProfile(_ device: SystemDevice, _ boundTo: [String: String]) -> DeviceProfile? {
        guard let id = boundTo[device.syspath], let entry = entries.first(where: { $0.configuration.id == id }) else { return nil }
        return profile(of: entry)
    }
}
