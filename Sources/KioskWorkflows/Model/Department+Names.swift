import KioskCore

extension Department {
    /// The department's short name as the touch UI shows it.
    public var names: LocalizedText {
        switch self {
        case .hrss: LocalizedText(zh: "社保", en: "Social security")
        case .mi: LocalizedText(zh: "医保", en: "Medical insurance")
        case .nr: LocalizedText(zh: "不动产", en: "Real estate")
        case .hpf: LocalizedText(zh: "公积金", en: "Housing fund")
        }
    }
}
