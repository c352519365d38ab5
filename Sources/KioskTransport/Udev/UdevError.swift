#if canImport(Glibc)
import Glibc
#endif

/// What went wrong talking to udev, in words a maintainer can act on.
public enum UdevError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `udev_new` failed: libudev could not start at all.
    case contextUnavailable(errno: Int32)
    /// Listing devices failed at `step` (a libudev call).
    case enumerationFailed(step: String, errno: Int32)
    /// Setting up the hot-plug monitor failed at `step` (a libudev or system call).
    case monitorUnavailable(step: String, errno: Int32)
    /// Waiting for hot-plug events failed (`poll`): the monitor has stopped.
    case monitorFailed(errno: Int32)
    /// The kernel dropped hot-plug events because they came faster than they were read.
    case eventsLost

    public var description: String {
        switch self {
        case .contextUnavailable(let errno):
            "cannot create a udev context (udev_new: \(Self.text(errno))); check that /sys is mounted and readable by kioskd"
        case .enumerationFailed(let step, let errno):
            "cannot list udev devices (\(step): \(Self.text(errno))); check that /sys is mounted and readable by kioskd"
        case .monitorUnavailable(let step, let errno):
            "cannot start the udev hot-plug monitor (\(step): \(Self.text(errno))); kioskd needs a netlink socket, which a sandbox with RestrictAddressFamilies= must allow (AF_NETLINK)"
        case .monitorFailed(let errno):
            "the udev hot-plug monitor stopped (poll: \(Self.text(errno))); devices plugged in from now on go unseen until it is restarted"
        case .eventsLost:
            "udev hot-plug events were lost (the receive buffer overflowed); list the devices again and start a new monitor"
        }
    }

    /// `strerror` text with the number, e.g. `Permission denied (errno 13)`.
    static func text(_ errno: Int32) -> String {
        "\(String(cString: strerror(errno))) (errno \(errno))"
    }
}
