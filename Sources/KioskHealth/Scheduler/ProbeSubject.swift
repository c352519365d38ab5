import Foundation
import KioskCore

/// One thing the scheduler probes on an interval: a device or a kiosk-level check.
public struct ProbeSubject: Sendable {
    /// The device id or kiosk check id (`kiosk.disk`); the fault's subject and the `device` label.
    public var id: String
    /// Interval, timeout and failures before a fault.
    public var schedule: HealthSchedule
    /// Runs the probe; never throws.
    public var probe: @Sendable (ProbeLevel) async -> ProbeReport

    public init(id: String, schedule: HealthSchedule, probe: @escaping @Sendable (ProbeLevel) async -> ProbeReport) {
        self.id = id
        self.schedule = schedule
        self.probe = probe
    }

    /// A configured device probed through the runtime.
    public static func device(_ id: String, schedule: HealthSchedule, target: any ProbeTarget) -> ProbeSubject {
        ProbeSubject(id: id, schedule: schedule) { level in await target.probe(id, level: level) }
    }

    /// Every configured device, on its profile's schedule (the default schedule when its profile is missing).
    public static func devices(_ devices: [DeviceConfiguration], profiles: ProfileCatalogue, target: any ProbeTarget) -> [ProbeSubject] {
        devices.map { device in
            .device(device.id, schedule: profiles.profiles[device.profile]?.health ?? HealthSchedule(), target: target)
        }
    }

    /// The fault policy from the schedule.
    public var policy: FaultPolicy { FaultPolicy(failuresBeforeFault: schedule.failuresBeforeFault) }
}
