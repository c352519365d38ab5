/// Where drivers keep their counters (paper fed, cuts, receipts, cards read, errors) so that they
/// survive restarts; the store implements it, drivers receive it injected.
public protocol DeviceCounterStore: Sendable {
    /// Adds `amounts` (by counter name) to the device's counters in one transaction.
    func add(_ amounts: [String: Int64], to deviceID: String) async throws
    /// The device's counters by name (absent counters are zero).
    func counters(of deviceID: String) async throws -> [String: Int64]
}
