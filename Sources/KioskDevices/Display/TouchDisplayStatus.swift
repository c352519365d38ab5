import KioskCore

/// What the touch panel, the display connectors and the backlights show, and the report it makes.
public struct TouchDisplayStatus: Sendable, Equatable {
    /// Touchscreens udev lists (`ID_INPUT_TOUCHSCREEN=1` on the input subsystem), by sysname.
    public var touchscreens: [String]
    public var connectors: [DisplaySysfs.Connector]
    public var backlights: [DisplaySysfs.Backlight]

    public init(touchscreens: [String], connectors: [DisplaySysfs.Connector], backlights: [DisplaySysfs.Backlight]) {
        self.touchscreens = touchscreens
        self.connectors = connectors
        self.backlights = backlights
    }

    /// Touch missing → `noDevice`; no connector connected → `offline`; every backlight off or at 0 → `offline`.
    /// Internal panels often always read "connected"; a kiosk with no DRM connectors (headless test) is not faulted.
    public func report(deviceID: String) -> ProbeReport {
        var facts = ["touchscreens": "\(touchscreens.count)"]
        for connector in connectors { facts["connector.\(connector.name)"] = connector.status + (connector.edidBytes > 0 ? ", EDID \(connector.edidBytes) bytes" : "") }
        for backlight in backlights { facts["backlight.\(backlight.name)"] = "\(backlight.brightness)/\(backlight.maxBrightness), bl_power \(backlight.power)" }
        if touchscreens.isEmpty {
            return ProbeReport(deviceID: deviceID, state: .noDevice, fault: .displayTouchMissing,
                               detail: "no touchscreen (ID_INPUT_TOUCHSCREEN=1) — check the touch panel's USB cable", facts: facts)
        }
        if !connectors.isEmpty, !connectors.contains(where: { $0.status == "connected" }) {
            return ProbeReport(deviceID: deviceID, state: .offline, fault: .displayDisconnected,
                               detail: "no display connector is connected — check the display cable and power", facts: facts)
        }
        if !backlights.isEmpty, backlights.allSatisfy({ $0.power != 0 || $0.brightness == 0 }) {
            return ProbeReport(deviceID: deviceID, state: .offline, fault: .displayBacklightOff,
                               detail: "the backlight is off — citizens see a dark screen; check the display's power settings", facts: facts)
        }
        return ProbeReport(deviceID: deviceID, state: .online, detail: "touch panel, display and backlight present", facts: facts)
    }
}
