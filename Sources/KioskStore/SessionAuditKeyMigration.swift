import GRDB

/// Adds the audit table's keyed citizen identity (`citizen_key`); frozen once shipped, like every migration.
enum SessionAuditKeyMigration {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-session-audit-citizen-key") { db in
            try db.alter(table: "session_audit") { t in
                t.add(column: "citizen_key", .text)
            }
            try db.create(index: "session_audit_on_citizen_key", on: "session_audit", columns: ["citizen_key", "ended_at"])
        }
    }
}
