import CSystemd

/// Talks to the service manager through libsystemd's sd_notify; does nothing when NOTIFY_SOCKET is unset.
public struct SystemdNotifier: Sendable {
    public init() {}

    /// Tells systemd the daemon is serving (`Type=notify`).
    public func ready(status: String) {
        send("READY=1\nSTATUS=\(status)")
    }

    /// A line for `systemctl status`.
    public func status(_ text: String) {
        send("STATUS=\(text)")
    }

    /// Tells systemd the daemon is stopping.
    public func stopping(status: String) {
        send("STOPPING=1\nSTATUS=\(status)")
    }

    /// Pings the watchdog.
    public func watchdog() {
        send("WATCHDOG=1")
    }

    /// The watchdog interval systemd asked for (`WATCHDOG_USEC`), or nil when the watchdog is off.
    public var watchdogInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds))
    }

    private func send(_ state: String) {
        _ = sd_notify(0, state)
    }
}
