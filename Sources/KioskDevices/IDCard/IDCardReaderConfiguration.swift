import KioskCore

/// How the ID-card driver and its state machine behave: from the device profile's parameters and serial settings.
public struct IDCardReaderConfiguration: Sendable, Equatable, Hashable {
    /// Extra attempts of a failed find/select/read sequence (profile `retries`, 0…5).
    public var retries: Int
    /// Time between two "find card" polls while waiting for a card (profile `poll_interval`).
    public var pollInterval: Duration
    /// Read with fingerprint (`30 10`) rather than text and photo (`30 01`) (profile `read_fingerprint`).
    public var readFingerprint: Bool
    /// Read the newest appended address (`30 03`) after the text.
    public var readAppendedAddress: Bool
    /// The line's baud rate: response timeouts grow with the time responses take on the wire.
    public var baud: Int
    /// The time the module itself may take to answer, on top of the wire time (a card read takes the longest).
    public var answerAllowance: Duration

    public init(
        retries: Int = 2, pollInterval: Duration = .milliseconds(300), readFingerprint: Bool = false,
        readAppendedAddress: Bool = true, baud: Int = 115_200, answerAllowance: Duration = .seconds(1)
    ) {
        self.retries = max(0, retries)
        self.pollInterval = pollInterval
        self.readFingerprint = readFingerprint
        self.readAppendedAddress = readAppendedAddress
        self.baud = baud
        self.answerAllowance = answerAllowance
    }

    /// The configuration a profile gives (its parameters and serial baud; defaults for what it leaves out).
    public init(profile: DeviceProfile) {
        let defaults = IDCardReaderConfiguration()
        var pollInterval = defaults.pollInterval
        if case .duration(let value) = profile.parameters["poll_interval"] { pollInterval = value }
        self.init(
            retries: profile.parameters["retries"]?.integerValue ?? defaults.retries,
            pollInterval: pollInterval,
            readFingerprint: profile.parameters["read_fingerprint"]?.booleanValue ?? defaults.readFingerprint,
            readAppendedAddress: defaults.readAppendedAddress,
            baud: profile.serial?.baud ?? defaults.baud,
            answerAllowance: defaults.answerAllowance
        )
    }

    /// The read command this configuration uses.
    public var readCommand: IDCardCommand { readFingerprint ? .readWithFingerprint : .readTextAndPhoto }

    /// How long to wait for the answer to `command`: the allowance plus twice the wire time of both frames.
    public func responseTimeout(for command: IDCardCommand) -> Duration {
        answerAllowance + IDCardFrame.wireTime(byteCount: 2 * (command.frameSize + Self.longestAnswer(to: command)), baud: baud)
    }

    /// The largest frame a module sends in answer to `command`.
    static func longestAnswer(to command: IDCardCommand) -> Int {
        switch command {
        case .readWithFingerprint: IDCardFrame.frameSize(length: 3 + 6 + 256 + 1024 + 1024 + 1)
        case .readTextAndPhoto: IDCardFrame.frameSize(length: 3 + 4 + 256 + 1024 + 1)
        case .readAppendedAddress: IDCardFrame.frameSize(length: 3 + 70 + 1)
        case .samID: IDCardFrame.frameSize(length: 3 + SAMIdentifier.size + 1)
        default: IDCardFrame.frameSize(length: 3 + 8 + 1)
        }
    }
}
