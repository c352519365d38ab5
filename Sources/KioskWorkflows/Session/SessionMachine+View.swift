import KioskCore

extension SessionMachine {
    /// The session document of `docs/sessions.md` (personal values masked; no step once ended).
    public func view(now: Duration) -> JSONValue {
        var document: [String: JSONValue] = [
            "id": .string(id),
            "service": .string(workflow.id),
            "state": .string(state.rawValue),
            "language": .string(language),
            "elderly": .bool(elderly),
            "stepIndex": .number(Double(min(stepIndex, workflow.steps.count - 1) + 1)),
            "stepCount": .number(Double(workflow.steps.count)),
            "step": .null,
            "idle": .null,
            "error": context.error?.json ?? .null,
        ]
        if let step {
            var fields = step.view(context)
            fields["id"] = .string(step.header.id)
            fields["kind"] = .string(step.header.kind)
            fields["title"] = step.header.title.json
            fields["prompt"] = step.header.prompt?.json ?? .null
            fields["busy"] = .bool(runningToken != nil && !(step is IdentifyStep))
            fields["back"] = .bool(step.allowsBack)
            document["step"] = .object(fields)
            document["idle"] = [
                "timeoutSeconds": .number(Double(idleSettings.timeout.components.seconds)),
                "warningSeconds": .number(Double(idleSettings.warning.components.seconds)),
                "remainingSeconds": .number(Double(Self.roundedUp(idleRemaining(now: now)))),
            ]
        }
        return .object(document)
    }

    static func roundedUp(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return attoseconds > 0 ? seconds + 1 : seconds
    }
}
