/// The idle timeout of sessions: expiry after `timeout` without input, a warning `warning` before it.
public struct IdleSettings: Sendable, Hashable {
    public var timeout: Duration
    public var warning: Duration

    public init(timeout: Duration = .seconds(90), warning: Duration = .seconds(20)) {
        self.timeout = timeout
        self.warning = warning
    }

    /// Elderly mode doubles the timeout (the warning stays as long).
    public func forElderly(_ elderly: Bool) -> IdleSettings {
        elderly ? IdleSettings(timeout: timeout * 2, warning: warning) : self
    }
}
