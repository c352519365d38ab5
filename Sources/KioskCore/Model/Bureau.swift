/// A government body that owns kiosks, devices or services and receives their alerts.
public struct Bureau: Sendable, Equatable, Codable {
    /// Stable id used as the `owner` alert label, e.g. `natural-resources-bureau`.
    public var id: String
    /// Chinese name, e.g. 自然资源局.
    public var name: String
    /// English name.
    public var nameEN: String
    /// Who at the bureau handles faults.
    public var contact: Contact?

    public init(id: String, name: String, nameEN: String, contact: Contact? = nil) {
        self.id = id
        self.name = name
        self.nameEN = nameEN
        self.contact = contact
    }

    /// The bureaus every installation knows; configuration may add contacts or more bureaus.
    public static let builtIn: [Bureau] = [
        Bureau(id: "service-centre", name: "政务服务管理局", nameEN: "Government Service Centre"),
        Bureau(id: "hrss-bureau", name: "人力资源和社会保障局", nameEN: "Human Resources and Social Security Bureau"),
        Bureau(id: "healthcare-security-bureau", name: "医疗保障局", nameEN: "Healthcare Security Bureau"),
        Bureau(id: "natural-resources-bureau", name: "自然资源局", nameEN: "Natural Resources Bureau"),
        Bureau(id: "housing-fund-centre", name: "住房公积金管理中心", nameEN: "Housing Provident Fund Centre"),
    ]
}
