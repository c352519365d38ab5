import KioskCore

/// How kioskd watches one touch display (profile `touch-display`, parameters `idle_touch_suspicion`, `backlight_writable`).
public struct TouchDisplaySettings: Sendable, Equatable {
    /// The profile's id, named in errors (`display/generic-touch`).
    public var profile: String
    /// No touch on the panel for this long (with `untouchedSessions` expiries) makes it suspect.
    public var idleTouchSuspicion: Duration
    /// Sessions in a row that must expire with no touch seen before the panel is suspected.
    public var untouchedSessions: Int
    /// Whether kioskd may write the backlight's brightness.
    public var backlightWritable: Bool

    /// Sessions in a row that expire untouched before a quiet panel is suspected (one walk-away is normal).
    public static let defaultUntouchedSessions = 3

    public init(profile: String = "display/generic-touch", idleTouchSuspicion: Duration = .seconds(6 * 3600),
                untouchedSessions: Int = defaultUntouchedSessions, backlightWritable: Bool = false) {
        self.profile = profile
        self.idleTouchSuspicion = idleTouchSuspicion
        self.untouchedSessions = untouchedSessions
        self.backlightWritable = backlightWritable
    }

    /// From a `touch-display` profile; parameters it lacks keep their defaults.
    public init(profile: DeviceProfile) {
        self.init(profile: profile.id)
        if case .duration(let quiet)? = profile.parameters["idle_touch_suspicion"] { idleTouchSuspicion = quiet }
        if let writable = profile.parameters["backlight_writable"]?.booleanValue { backlightWritable = writable }
    }
}
