import KioskCore

extension WorkflowDevices {
    /// No reader can tell card presence: the stream ends at once.
    public func cardEvents() -> AsyncStream<CardPresence> {
        AsyncStream { $0.finish() }
    }

    /// No reader can tell card presence.
    public func cardPresence(of role: DeviceRole) async -> CardPresence? { nil }

    /// No device watches sessions end.
    public func sessionEnded(expired: Bool) async {}
}
