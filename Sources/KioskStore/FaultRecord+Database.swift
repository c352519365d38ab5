import GRDB
import KioskCore

extension FaultCode: DatabaseValueConvertible {}
extension FaultSeverity: DatabaseValueConvertible {}
extension FaultAction: DatabaseValueConvertible {}
extension FaultStatus: DatabaseValueConvertible {}

extension FaultRecord: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "fault"
    public static let databaseColumnDecodingStrategy = HealthColumns.decoding
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension FaultHistoryEntry: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "fault_history"
    public static let databaseColumnDecodingStrategy = HealthColumns.decoding
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension MaintenanceWindow: FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "maintenance_window"
    public static let databaseColumnDecodingStrategy = HealthColumns.decoding
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// Column names of the health tables: snake case, with `id` and `zh` read back as `ID` and `ZH` (`fault_id` → `faultID`).
enum HealthColumns {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let decoding = DatabaseColumnDecodingStrategy.custom { column in
        let parts = column.split(separator: "_")
        guard let first = parts.first else { return Key(stringValue: column) }
        let rest = parts.dropFirst().map { part in
            ["id", "zh"].contains(part) ? part.uppercased() : part.prefix(1).uppercased() + part.dropFirst()
        }
        return Key(stringValue: String(first) + rest.joined())
    }
}
