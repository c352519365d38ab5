/// A named person to reach about a kiosk or a fault.
public struct Contact: Sendable, Equatable, Codable {
    /// Full name of the person (a staff member, not a citizen).
    public var name: String
    /// Telephone number as dialled.
    public var phone: String?
    /// E-mail address.
    public var email: String?

    public init(name: String, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
    }
}
