import KioskCore
import KioskTransport
import Logging

/// The touch display as the device runtime manages it: touchscreens from udev, connectors and
/// backlights from sysfs, one `ProbeReport`. Nothing to recover from software.
public final class TouchDisplayDevice: ManagedDevice {
    public let id: String
    public let sysfs: DisplaySysfs
    private let touchscreens: @Sendable () throws -> [SystemDevice]

    /// `touchscreens` lists the touch panels (udev by default; tests pass their own).
    public init(id: String, sysfs: DisplaySysfs = DisplaySysfs(), touchscreens: (@Sendable () throws -> [SystemDevice])? = nil) {
        self.id = id
        self.sysfs = sysfs
        self.touchscreens = touchscreens ?? { try Udev().enumerate(subsystems: ["input"], properties: ["ID_INPUT_TOUCHSCREEN": "1"]) }
    }

    public func start() async {}
    public func stop() async {}

    public var recoverySteps: [RecoveryStep] { [] }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        RecoveryAttempt(step: step, succeeded: false, detail: "a touch display has no software recovery step — a technician checks cables and power")
    }

    public func probe(level: ProbeLevel) async -> ProbeReport {
        let devices: [SystemDevice]
        do {
            devices = try touchscreens()
        } catch {
            return ProbeReport(deviceID: id, state: .offline, fault: .deviceDriverError, detail: "udev could not list input devices: \(error)")
        }
        // One panel has several nodes (inputN, eventN, mouseN): count the event nodes, else the devices.
        let events = devices.filter { $0.sysname.hasPrefix("event") }
        let names = (events.isEmpty ? devices : events).map(\.sysname).sorted()
        return TouchDisplayStatus(touchscreens: names, connectors: sysfs.connectors(), backlights: sysfs.backlights()).report(deviceID: id)
    }
}
