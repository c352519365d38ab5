import KioskCore

/// How kioskd uses one social-security card reader (profile `pcsc`, parameters `reader_name_prefix`, `exclusive`).
public struct SocialSecurityReaderConfiguration: Sendable, Equatable {
    /// The reader's name prefix as pcscd lists it (`Virtual PCD`, `ACS ACR39U`); empty takes the first reader.
    public var readerPrefix: String
    /// Connect with `SCARD_SHARE_EXCLUSIVE` for the length of a citizen's session.
    public var exclusive: Bool
    /// How long one APDU exchange or a PC/SC call may take before the read is given up.
    public var operationTimeout: Duration

    public init(readerPrefix: String = "", exclusive: Bool = true, operationTimeout: Duration = .seconds(5)) {
        self.readerPrefix = readerPrefix
        self.exclusive = exclusive
        self.operationTimeout = operationTimeout
    }
}

extension SocialSecurityReaderConfiguration {
    /// From a `pcsc` profile and the device's match (`pcsc: {reader: …}` wins over `reader_name_prefix`).
    public init(profile: DeviceProfile, match: DeviceMatch? = nil) {
        self.init()
        if case .text(let prefix)? = profile.parameters["reader_name_prefix"] { readerPrefix = prefix }
        if case .pcsc(let reader)? = match { readerPrefix = reader }
        if let exclusive = profile.parameters["exclusive"]?.booleanValue { self.exclusive = exclusive }
        operationTimeout = profile.health.timeout
    }
}
