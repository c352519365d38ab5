/// A department whose services run on the kiosk.
public enum Department: String, Sendable, CaseIterable, Codable {
    /// Human resources and social security (社保).
    case hrss
    /// Medical insurance (医保).
    case mi
    /// Natural resources: real-estate registration (不动产).
    case nr
    /// Housing provident fund (公积金).
    case hpf

    /// The bureau that owns faults of this department's services by default.
    public var defaultOwner: String {
        switch self {
        case .hrss: "hrss-bureau"
        case .mi: "healthcare-security-bureau"
        case .nr: "natural-resources-bureau"
        case .hpf: "housing-fund-centre"
        }
    }
}
