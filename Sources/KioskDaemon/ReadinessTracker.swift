import KioskTransport

/// Counts listeners as they start and tells systemd READY=1 once all of them serve.
actor ReadinessTracker {
    private let expected: Int
    private var endpoints: [String] = []
    private let notifier: SystemdNotifier
    private let onReady: @Sendable (String) -> Void

    init(expected: Int, notifier: SystemdNotifier, onReady: @escaping @Sendable (String) -> Void) {
        self.expected = expected
        self.notifier = notifier
        self.onReady = onReady
    }

    /// Records that a listener serves at `endpoint`; the last one sends READY=1.
    func serving(_ endpoint: String) {
        endpoints.append(endpoint)
        guard endpoints.count == expected else { return }
        let status = "serving " + endpoints.sorted().joined(separator: " and ")
        notifier.ready(status: status)
        onReady(status)
    }
}
