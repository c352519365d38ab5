/// What the SAM module says about itself (`11 FF`).
public enum SAMStatus: Sendable, Equatable, Hashable {
    /// 0x90: the SAM works.
    case ready
    /// Any other status: the SAM does not work; `status` says why.
    case fault(IDCardStatus)
}

extension SAMStatus: CustomStringConvertible {
    public var description: String {
        switch self {
        case .ready: "SAM ready"
        case .fault(let status): "SAM fault: \(status)"
        }
    }
}
