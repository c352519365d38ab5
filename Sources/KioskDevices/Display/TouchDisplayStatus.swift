import KioskCore

/// What the touch panel, the display connectors and the backlights show, and the report it makes.
public struct TouchDisplayStatus: Sendable, Equatable {
    /// What the non-exclusive evdev watch of the panel saw (`TouchDisplayDevice`).
    public struct Activity: Sendable, Equatable {
        /// The node read (`/dev/input/event5`), nil when none is watched.
        public var node: String?
        /// Why no node is watched (no binding, permission denied…), nil while one is.
        public var problem: String?
        /// Contacts seen since watching began.
        public var touches: Int
        /// How long the panel has been quiet, in whole seconds.
        public var quietSeconds: Int
        /// Sessions expired since the last touch.
        public var untouchedExpiries: Int
        /// `TouchSuspicion.isSuspect` at the probe.
        public var suspect: Bool
        /// The quiet period the profile sets (`idle_touch_suspicion`), in seconds.
        public var quietPeriodSeconds: Int

        public init(node: String?, problem: String? = nil, touches: Int = 0, quietSeconds: Int = 0, untouchedExpiries: Int = 0,
                    suspect: Bool = false, quietPeriodSeconds: Int = 0) {
            self.node = node
            self.problem = problem
            self.touches = touches
            self.quietSeconds = quietSeconds
            self.untouchedExpiries = untouchedExpiries
            self.suspect = suspect
            self.quietPeriodSeconds = quietPeriodSeconds
        }
    }

    /// Touchscreens udev lists (`ID_INPUT_TOUCHSCREEN=1` on the input subsystem), by sysname.
    public var touchscreens: [String]
    public var connectors: [DisplaySysfs.Connector]
    public var backlights: [DisplaySysfs.Backlight]
    /// The touch watch, nil when the device does not watch touches.
    public var activity: Activity?

    public init(touchscreens: [String], connectors: [DisplaySysfs.Connector], backlights: [DisplaySysfs.Backlight], activity: Activity? = nil) {
        self.touchscreens = touchscreens
        self.connectors = connectors
        self.backlights = backlights
        self.activity = activity
    }

    /// Touch missing → `noDevice`; no connector connected → `offline`; every backlight off or at 0 → `offline`;
    /// a suspect panel (`TouchSuspicion`) → `online` with the warning `display.touch-unresponsive`.
    /// Internal panels often always read "connected"; a kiosk with no DRM connectors (headless test) is not faulted.
    /// An invalid EDID is a fact, not a fault: the picture may still be fine.
    public func report(deviceID: String) -> ProbeReport {
        let facts = self.facts
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
        if let activity, activity.suspect {
            return ProbeReport(deviceID: deviceID, state: .online, fault: .displayTouchUnresponsive,
                               detail: "touch panel may be unresponsive: no touch for \(Self.span(activity.quietSeconds)) while "
                                   + "\(activity.untouchedExpiries) sessions in a row timed out untouched — touch the screen to check; "
                                   + "if it does not react, check the touch controller's cable and power",
                               facts: facts)
        }
        return ProbeReport(deviceID: deviceID, state: .online, detail: "touch panel, display and backlight present", facts: facts)
    }

    /// Every connector (status, EDID), backlight and the touch watch, for maintainers; no personal data.
    var facts: [String: String] {
        var facts = ["touchscreens": "\(touchscreens.count)"]
        for connector in connectors {
            var text = connector.status
            if let dpms = connector.dpms { text += ", dpms \(dpms)" }
            if connector.edidBytes > 0 { text += ", EDID \(connector.edidBytes) bytes" }
            facts["connector.\(connector.name)"] = text
            if let edid = connector.edid {
                facts["edid.\(connector.name)"] = edid.summary
            } else if let problem = connector.edidProblem {
                facts["edid.\(connector.name)"] = "invalid: \(problem)"
            }
        }
        for backlight in backlights { facts["backlight.\(backlight.name)"] = "\(backlight.brightness)/\(backlight.maxBrightness), bl_power \(backlight.power)" }
        if let activity {
            if let node = activity.node {
                facts["touch.watching"] = node
                facts["touch.touches"] = "\(activity.touches)"
                facts["touch.quiet"] = Self.span(activity.quietSeconds)
                facts["touch.untouched-expiries"] = "\(activity.untouchedExpiries)"
            } else {
                facts["touch.watching"] = "no: \(activity.problem ?? "no node bound")"
            }
        }
        return facts
    }

    /// `6h 0m`, `12m 5s`, `40s`.
    static func span(_ seconds: Int) -> String {
        if seconds >= 3600 { return "\(seconds / 3600)h \(seconds % 3600 / 60)m" }
        if seconds >= 60 { return "\(seconds / 60)m \(seconds % 60)s" }
        return "\(seconds)s"
    }
}
