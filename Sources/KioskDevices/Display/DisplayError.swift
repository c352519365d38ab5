/// Why a backlight could not be set; each message says what to change.
public enum DisplayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The device's profile does not allow writing the backlight.
    case backlightNotWritable(profile: String)
    /// No backlight of that name (nil: none at all) under /sys/class/backlight.
    case backlightNotFound(name: String?)
    /// The value is outside 0…max_brightness.
    case brightnessOutOfRange(value: Int, maximum: Int)
    /// The kernel refused the write.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .backlightNotWritable(let profile):
            "profile \(profile) does not allow setting the backlight (parameter backlight_writable: false); set it to true in a local profile to allow it"
        case .backlightNotFound(let name?):
            "no backlight \"\(name)\" under /sys/class/backlight; `ls /sys/class/backlight` lists them"
        case .backlightNotFound(nil):
            "no backlight under /sys/class/backlight: this display's brightness is not software-controlled"
        case .brightnessOutOfRange(let value, let maximum):
            "brightness \(value) is outside 0…\(maximum) (the backlight's max_brightness)"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason) — kioskd.service keeps /sys read-only (ProtectKernelTunables=yes): add ReadWritePaths=\(path) in a drop-in, and a udev rule giving the attribute to group video"
        }
    }
}
