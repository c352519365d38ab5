import KioskCore

/// How kioskd uses one CUPS queue (profile `cups`, parameters `media`, `job_timeout`; match `cups: {queue: …}`).
public struct A4PrinterConfiguration: Sendable, Equatable {
    public var queue: String
    /// IPP media keyword sent with each job (`iso_a4_210x297mm`).
    public var media: String
    /// How long a job may take to complete before `CUPSError.jobTimedOut`.
    public var jobTimeout: Duration
    /// How often the job's state is asked while it runs.
    public var pollInterval: Duration
    /// How long cupsd may take to answer one request.
    public var requestTimeout: Duration

    public init(queue: String, media: String = "iso_a4_210x297mm", jobTimeout: Duration = .seconds(120), pollInterval: Duration = .milliseconds(200), requestTimeout: Duration = .seconds(5)) {
        self.queue = queue
        self.media = media
        self.jobTimeout = jobTimeout
        self.pollInterval = pollInterval
        self.requestTimeout = requestTimeout
    }

    /// From a `cups` profile and the device's match; nil when the match names no queue.
    public init?(profile: DeviceProfile, match: DeviceMatch) {
        guard case .cups(let queue) = match else { return nil }
        self.init(queue: queue)
        if case .text(let media)? = profile.parameters["media"] { self.media = media }
        if case .duration(let timeout)? = profile.parameters["job_timeout"] { jobTimeout = timeout }
        requestTimeout = profile.health.timeout
    }
}
