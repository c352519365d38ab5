/// What every step has: its id within the workflow, its kind, and the texts at the top of the screen.
public struct StepHeader: Sendable, Hashable {
    /// Id within the workflow, unique there (`identify`, `result`).
    public var id: String
    /// The step kind (`identify`, `query`…), as registered in the `StepRegistry`.
    public var kind: String
    /// The screen's title.
    public var title: LocalizedText
    /// What the citizen should do, when the step asks something of them.
    public var prompt: LocalizedText?
    /// When present, the step runs only if the condition holds; otherwise the session skips it.
    public var when: StepCondition?

    public init(id: String, kind: String, title: LocalizedText, prompt: LocalizedText? = nil, when: StepCondition? = nil) {
        self.when = when
        self.id = id
        self.kind = kind
        self.title = title
        self.prompt = prompt
    }

    /// The keys every step may have in the YAML.
    public static let keys = ["id", "kind", "title", "prompt", "when"]
}
