import KioskCore

/// Decides the `owner` label of a subject: the device's own owner, else the department's bureau for a
/// department backend, else the kiosk's owner; a real-estate (nr) kiosk without one goes to natural resources.
public struct AlertRouting: Sendable, Equatable {
    /// The kiosk's owning bureau id.
    public var kioskOwner: String
    /// Devices that name their own owner.
    public var deviceOwners: [String: String]
    /// Departments whose services run on this kiosk.
    public var departments: Set<Department>

    public init(kioskOwner: String, deviceOwners: [String: String] = [:], departments: Set<Department> = []) {
        self.kioskOwner = kioskOwner
        self.deviceOwners = deviceOwners
        self.departments = departments
    }

    /// Routing from the validated configuration.
    public init(configuration: KioskConfiguration) {
        var owners: [String: String] = [:]
        for device in configuration.devices {
            if let owner = device.owner { owners[device.id] = owner }
        }
        self.init(kioskOwner: configuration.kiosk.owner, deviceOwners: owners, departments: Set(configuration.departments.keys))
    }

    /// The bureau id that owns faults of `subject` (a device id, or `kiosk.backend.<department>`, `kiosk.disk`…).
    public func owner(of subject: String) -> String {
        if let owner = deviceOwners[subject], !owner.isEmpty { return owner }
        // A device's own check (`receipt-printer.paper`) goes where the device's faults go.
        if !subject.hasPrefix("kiosk."), let dot = subject.lastIndex(of: "."),
           let owner = deviceOwners[String(subject[..<dot])], !owner.isEmpty { return owner }
        if let department = KioskCheckID.department(of: subject) { return department.defaultOwner }
        return defaultOwner
    }

    /// The kiosk's owner, or the bureau its departments imply when none is set.
    public var defaultOwner: String {
        if !kioskOwner.isEmpty { return kioskOwner }
        if departments.contains(.nr) { return Department.nr.defaultOwner }
        if departments.count == 1, let only = departments.first { return only.defaultOwner }
        return "service-centre"
    }
}
