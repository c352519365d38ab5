import GRDB

/// The database schema, as frozen migrations: a shipped migration never changes; new ones are appended.
enum StoreMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-kiosk-event") { db in
            try db.create(table: "kiosk_event") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("time", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("subject", .text).notNull().defaults(to: "")
                t.column("actor", .text).notNull()
                t.column("message", .text).notNull()
            }
            try db.create(index: "kiosk_event_on_time", on: "kiosk_event", columns: ["time"])
            try db.create(index: "kiosk_event_on_kind", on: "kiosk_event", columns: ["kind", "time"])
        }
        migrator.registerMigration("v2-device-counter") { db in
            try db.create(table: "device_counter") { t in
                t.column("device_id", .text).notNull()
                t.column("counter", .text).notNull()
                t.column("value", .integer).notNull().defaults(to: 0)
                t.column("updated_at", .datetime).notNull()
                t.primaryKey(["device_id", "counter"])
            }
        }
        HealthMigrations.register(in: &migrator)
        SessionMigrations.register(in: &migrator)
        return migrator
    }
}
