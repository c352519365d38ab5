/// The gender code of the text block (GB/T 2261.1).
public enum IDCardGender: UInt8, Sendable, Equatable, Hashable, CaseIterable {
    case unknown = 0
    case male = 1
    case female = 2
    case notStated = 9

    /// 未知, 男, 女, 未说明.
    public var chineseName: String {
        switch self {
        case .unknown: "未知"
        case .male: "男"
        case .female: "女"
        case .notStated: "未说明"
        }
    }
}
