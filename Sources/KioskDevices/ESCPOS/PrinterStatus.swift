/// What a receipt printer says about itself: decoded from `DLE EOT 1…4` replies or an automatic
/// status back block. The default value is a healthy printer with paper.
public struct PrinterStatus: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Not offline (`DLE EOT 1` bit 3 clear); a printer goes offline with its cover open, out of paper
    /// or after an error.
    public var online: Bool
    public var coverOpen: Bool
    /// The near-end sensor sees the end of the roll coming.
    public var paperNearEnd: Bool
    /// No paper: printing stopped.
    public var paperEnd: Bool
    /// The autocutter failed (jammed, blade out of place).
    public var cutterError: Bool
    /// An error that needs the printer switched off and on, or a service visit.
    public var unrecoverableError: Bool
    /// A temporary error (e.g. the head is too hot) that clears by itself.
    public var autoRecoverableError: Bool
    /// Waiting to go back online after an error.
    public var waitingForRecovery: Bool
    /// The paper feed button is held.
    public var feedButton: Bool

    public init(
        online: Bool = true, coverOpen: Bool = false, paperNearEnd: Bool = false, paperEnd: Bool = false,
        cutterError: Bool = false, unrecoverableError: Bool = false, autoRecoverableError: Bool = false,
        waitingForRecovery: Bool = false, feedButton: Bool = false
    ) {
        self.online = online
        self.coverOpen = coverOpen
        self.paperNearEnd = paperNearEnd
        self.paperEnd = paperEnd
        self.cutterError = cutterError
        self.unrecoverableError = unrecoverableError
        self.autoRecoverableError = autoRecoverableError
        self.waitingForRecovery = waitingForRecovery
        self.feedButton = feedButton
    }

    /// Online with paper and no error (the paper may be near its end).
    public var isReady: Bool {
        online && !coverOpen && !paperEnd && !cutterError && !unrecoverableError && !autoRecoverableError
    }

    /// "online, paper near end" / "offline, cover open".
    public var description: String {
        var words = [online ? "online" : "offline"]
        if coverOpen { words.append("cover open") }
        if paperEnd { words.append("paper end") } else if paperNearEnd { words.append("paper near end") }
        if cutterError { words.append("cutter error") }
        if unrecoverableError { words.append("unrecoverable error") }
        if autoRecoverableError { words.append("auto-recoverable error") }
        if waitingForRecovery { words.append("waiting for recovery") }
        if feedButton { words.append("feed button pressed") }
        return words.joined(separator: ", ")
    }
}

/// The `n` of `DLE EOT n`: which status byte to send.
public enum StatusRequest: UInt8, Sendable, CaseIterable {
    /// Printer status: offline, waiting for recovery, feed button.
    case printer = 1
    /// Offline cause: cover open, feeding by button, stopped by paper end, error.
    case offlineCause = 2
    /// Error cause: cutter, unrecoverable, auto-recoverable.
    case errorCause = 3
    /// Paper roll sensor: near end, end.
    case paperRoll = 4
}
