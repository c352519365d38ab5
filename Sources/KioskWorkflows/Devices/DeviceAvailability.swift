/// Whether a device role can be used now; when not, why, in words for citizens.
public struct DeviceAvailability: Sendable, Hashable {
    public var available: Bool
    public var reason: LocalizedText?

    public init(available: Bool, reason: LocalizedText? = nil) {
        self.available = available
        self.reason = reason
    }

    public static let available = DeviceAvailability(available: true)

    /// Unavailable with a reason.
    public static func unavailable(_ reason: LocalizedText) -> DeviceAvailability {
        DeviceAvailability(available: false, reason: reason)
    }
}
