/// What printing one certificate did (no personal data: the job's title is the certificate kind and a reference).
public struct A4PrintReport: Sendable, Equatable {
    public var jobID: Int32
    public var pages: Int
    public var bytes: Int
    /// The state the job ended in (`completed`).
    public var state: A4JobState
    /// From submission to completion.
    public var duration: Duration
}
