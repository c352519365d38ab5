/// What a step tells the session engine to do next.
public enum StepCommand: Sendable, Equatable {
    /// Wait for the citizen (the idle timer runs).
    case wait
    /// Start the step's work (`perform`); `idle` says whether the idle timer runs meanwhile
    /// (true while waiting for the citizen to present a card, false while a department is asked).
    case run(idle: Bool)
    /// Go to the next step (past the last one, the session is finished).
    case advance
    /// Go back to the nearest earlier step that is a back target.
    case back
    /// End the session.
    case end(SessionState)
}
