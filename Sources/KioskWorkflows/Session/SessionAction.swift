/// What the engine asks its owner to do after a change of a session.
public enum SessionAction: Sendable, Equatable {
    /// Run the current step's work; results come back with this token.
    case run(token: Int)
    /// Cancel the work with this token (its result will be ignored anyway).
    case cancel(token: Int)
    /// Tell the UI that the session expires soon.
    case idleWarning(remainingSeconds: Int)
    /// The session ended; its personal data is already wiped.
    case ended(SessionState)
}
