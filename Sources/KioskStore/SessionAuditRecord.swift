import Foundation
import GRDB

/// One finished session in the audit table (`session_audit`): what was done and how it ended, never who in clear.
public struct SessionAuditRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "session_audit"

    /// A random id, unrelated to the citizen.
    public var sessionID: String
    public var service: String
    public var department: String
    public var startedAt: Date
    public var endedAt: Date
    /// `finished`, `cancelled`, `expired` or `failed`.
    public var outcome: String
    /// The id of the last step reached.
    public var lastStep: String
    /// `id-card`, `social-security-card`, `mi-qr` or `case-number`; nil when not identified.
    public var identification: String?
    public var language: String
    public var elderly: Bool
    /// The satisfaction level 1…5, when given.
    public var rating: Int?
    /// A failure code (`department.unavailable`), when it failed.
    public var failure: String?
    /// The citizen's identity as HMAC-SHA256 with the install's audit secret (hex), when identified; the same
    /// citizen has the same key on this kiosk, and the clear identity is never stored (docs/sessions.md, Audit).
    public var citizenKey: String?

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", service, department, startedAt = "started_at", endedAt = "ended_at"
        case outcome, lastStep = "last_step", identification, language, elderly, rating, failure, citizenKey = "citizen_key"
    }

    public init(
        sessionID: String, service: String, department: String, startedAt: Date, endedAt: Date, outcome: String,
        lastStep: String, identification: String?, language: String, elderly: Bool, rating: Int?, failure: String?,
        citizenKey: String? = nil
    ) {
        self.sessionID = sessionID
        self.service = service
        self.department = department
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.lastStep = lastStep
        self.identification = identification
        self.language = language
        self.elderly = elderly
        self.rating = rating
        self.failure = failure
        self.citizenKey = citizenKey
    }
}
