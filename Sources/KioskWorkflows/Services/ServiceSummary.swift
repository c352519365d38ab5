import KioskCore

/// One service as `GET /api/v1/services` lists it.
public struct ServiceSummary: Sendable, Equatable {
    public var id: String
    public var names: LocalizedText
    public var department: Department
    public var pinyin: String
    public var icon: String
    /// The identification methods usable now.
    public var identification: [IdentificationMethod]
    public var outputs: [ServiceOutput]
    public var available: Bool
    public var reason: LocalizedText?

    public var json: JSONValue {
        [
            "id": .string(id),
            "names": names.json,
            "department": .string(department.rawValue),
            "departmentNames": department.names.json,
            "pinyin": .string(pinyin),
            "icon": .string(icon),
            "identification": .array(identification.map { .string($0.rawValue) }),
            "outputs": .array(outputs.map { .string($0.rawValue) }),
            "available": .bool(available),
            "reason": reason?.json ?? .null,
        ]
    }
}
