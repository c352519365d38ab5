import Foundation
import KioskCore

/// What the catalogue knows about one fault code: severity, who acts, texts in Chinese and English.
public struct FaultDefinition: Sendable, Equatable, Codable {
    public var code: FaultCode
    public var severity: FaultSeverity
    public var action: FaultAction
    /// What is wrong, in English ("receipt paper out").
    public var summaryEN: String
    /// What is wrong, in Chinese (小票打印纸用完).
    public var summaryZH: String
    /// What to do, in English ("replace the 80 mm roll").
    public var remedyEN: String
    /// What to do, in Chinese.
    public var remedyZH: String
    /// Whether the recovery ladder can help (a reset cannot put paper in).
    public var recoverable: Bool

    public init(
        _ code: FaultCode, _ severity: FaultSeverity, _ action: FaultAction,
        en summaryEN: String, zh summaryZH: String, remedyEN: String, remedyZH: String, recoverable: Bool = false
    ) {
        self.code = code
        self.severity = severity
        self.action = action
        self.summaryEN = summaryEN
        self.summaryZH = summaryZH
        self.remedyEN = remedyEN
        self.remedyZH = remedyZH
        self.recoverable = recoverable
    }

    /// `receipt paper out — replace the 80 mm roll`.
    public var lineEN: String { "\(summaryEN) — \(remedyEN)" }
    /// `小票打印纸用完 — 更换 80 毫米纸卷`.
    public var lineZH: String { "\(summaryZH) — \(remedyZH)" }

    /// `lineEN` with each `{fact}` replaced by the probe's fact of that name ("about {receipts_left} receipts left").
    public func lineEN(filling facts: [String: String]) -> String { Self.fill(lineEN, facts) }
    /// `lineZH` with each `{fact}` replaced.
    public func lineZH(filling facts: [String: String]) -> String { Self.fill(lineZH, facts) }

    static func fill(_ text: String, _ facts: [String: String]) -> String {
        guard text.contains("{") else { return text }
        return facts.reduce(text) { line, fact in line.replacingOccurrences(of: "{\(fact.key)}", with: fact.value) }
    }

    /// The Alertmanager `alertname`: the code in CamelCase (`printer.paper-out` → `PrinterPaperOut`).
    public var alertName: String {
        code.rawValue.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }
}
