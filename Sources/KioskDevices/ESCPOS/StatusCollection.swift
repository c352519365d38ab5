/// The replies to one `DLE EOT 1, 2, 3, 4` request as they come in.
///
/// `DLE EOT n` sequences inside the data before the request (`strayReplies` of them) are answered
/// first, in wire order, so the status is always the last four real-time bytes. A printer that
/// ignores such a sequence sends fewer: after four bytes the collection waits only `grace` more.
struct StatusCollection: Sendable, Equatable {
    private(set) var replies: [UInt8] = []
    let expected: Int
    private(set) var deadline: ContinuousClock.Instant

    init(strayReplies: Int, deadline: ContinuousClock.Instant) {
        expected = StatusRequest.allCases.count + max(0, strayReplies)
        self.deadline = deadline
    }

    /// Adds one real-time status byte; returns the status once the last expected byte is in.
    mutating func add(_ byte: UInt8, at now: ContinuousClock.Instant, grace: Duration) -> PrinterStatus? {
        replies.append(byte)
        if replies.count >= expected { return status }
        if replies.count >= StatusRequest.allCases.count { deadline = min(deadline, now + grace) }
        return nil
    }

    /// The status from the last four bytes, nil with fewer than four.
    var status: PrinterStatus? {
        guard replies.count >= 4 else { return nil }
        let last = replies.suffix(4).map { $0 }
        return PrinterStatus(printer: last[0], offlineCause: last[1], errorCause: last[2], paperRoll: last[3])
    }
}
