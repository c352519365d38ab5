/// Where a service's result goes.
public enum ServiceOutput: String, Sendable, Hashable, CaseIterable, Codable {
    case screen
    case receipt
    case a4
}
