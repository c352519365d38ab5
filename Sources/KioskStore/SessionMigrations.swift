import GRDB

/// The session layer's tables, as frozen migrations appended after the others.
enum SessionMigrations {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-session-audit-and-switches") { db in
            try db.create(table: "session_audit") { t in
                t.column("session_id", .text).primaryKey()
                t.column("service", .text).notNull()
                t.column("department", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("ended_at", .datetime).notNull()
                t.column("outcome", .text).notNull()
                t.column("last_step", .text).notNull()
                t.column("identification", .text)
                t.column("language", .text).notNull()
                t.column("elderly", .boolean).notNull()
                t.column("rating", .integer)
                t.column("failure", .text)
            }
            try db.create(index: "session_audit_on_ended_at", on: "session_audit", columns: ["ended_at"])
            try db.create(index: "session_audit_on_service", on: "session_audit", columns: ["service", "ended_at"])
            try db.create(table: "service_switch") { t in
                t.column("service", .text).primaryKey()
                t.column("enabled", .boolean).notNull()
                t.column("reason", .text).notNull().defaults(to: "")
                t.column("changed_at", .datetime).notNull()
                t.column("actor", .text).notNull()
            }
        }
        SessionAuditKeyMigration.register(in: &migrator)
    }
}
