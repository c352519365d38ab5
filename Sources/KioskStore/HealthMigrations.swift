import GRDB

/// The health layer's tables (faults and their history, the alert outbox, maintenance windows), appended after the base schema.
enum HealthMigrations {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-health-fault") { db in
            try db.create(table: "fault") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("subject", .text).notNull()
                t.column("code", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("action", .text).notNull()
                t.column("owner", .text).notNull()
                t.column("summary", .text).notNull()
                t.column("summary_zh", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("status", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("resolved_at", .datetime)
                t.column("alerted", .boolean).notNull().defaults(to: false)
                t.column("flapping", .boolean).notNull().defaults(to: false)
                t.column("recovery", .text).notNull().defaults(to: "[]")
                t.column("acknowledged_at", .datetime)
                t.column("acknowledged_by", .text)
            }
            try db.create(index: "fault_on_status", on: "fault", columns: ["status", "subject"])
            try db.create(index: "fault_on_started_at", on: "fault", columns: ["started_at"])
            try db.create(table: "fault_history") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("fault_id", .integer).notNull().references("fault", onDelete: .cascade)
                t.column("time", .datetime).notNull()
                t.column("kind", .text).notNull()
                t.column("detail", .text).notNull()
            }
            try db.create(index: "fault_history_on_fault", on: "fault_history", columns: ["fault_id", "id"])
        }
        migrator.registerMigration("v3-health-alert-outbox") { db in
            try db.create(table: "alert_outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("sink", .text).notNull()
                t.column("alert_key", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("payload", .blob).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("next_attempt_at", .datetime).notNull()
                t.column("last_error", .text)
                t.column("delivered_at", .datetime)
            }
            try db.create(index: "alert_outbox_pending", on: "alert_outbox", columns: ["sink", "alert_key", "delivered_at", "id"])
        }
        migrator.registerMigration("v3-health-maintenance-window") { db in
            try db.create(table: "maintenance_window") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("reason", .text).notNull()
                t.column("actor", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("ends_at", .datetime).notNull()
                t.column("stopped_at", .datetime)
                t.column("silences", .text).notNull().defaults(to: "[]")
            }
        }
        migrator.registerMigration("v6-health-paper-forecast") { db in
            // Roll changes of receipt printers (the counters when each roll went in), and hourly samples of the
            // counters, for the paper forecast: what is left on the roll and what the kiosk uses in a day.
            try db.create(table: "paper_roll") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("device_id", .text).notNull()
                t.column("changed_at", .datetime).notNull()
                t.column("fed_mm", .integer).notNull()
                t.column("receipts", .integer).notNull()
                t.column("reason", .text).notNull()
            }
            try db.create(index: "paper_roll_on_device", on: "paper_roll", columns: ["device_id", "id"])
            try db.create(table: "counter_sample") { t in
                t.column("device_id", .text).notNull()
                t.column("time", .datetime).notNull()
                t.column("fed_mm", .integer).notNull()
                t.column("receipts", .integer).notNull()
            }
            try db.create(index: "counter_sample_on_device_time", on: "counter_sample", columns: ["device_id", "time"])
        }
    }
}
