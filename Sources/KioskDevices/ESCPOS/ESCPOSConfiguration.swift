import KioskCore

/// How kioskd drives one receipt printer, from its profile (`devices/escpos/*.yaml`).
public struct ESCPOSConfiguration: Sendable, Equatable {
    /// `paper_width_mm`: 58 or 80.
    public var paperWidth: PaperWidth
    /// `chinese_mode`: text as GB18030 in Chinese mode (`FS &`).
    public var chineseMode: Bool
    /// `auto_status_back`: enable `GS a` so the printer reports every change unasked.
    public var automaticStatusBack: Bool
    /// `paper_roll_length_mm`: the length of a new roll, for estimating what is left.
    public var paperRollLengthMillimetres: Int?
    /// `feed_lines_before_cut`: blank lines before each cut.
    public var feedLinesBeforeCut: Int
    /// Timeouts; `statusTimeout` is the profile's health timeout.
    public var timing: ESCPOSConversation.Timing
    /// Whether the printer answers `GS r 1`, which confirms a job was printed (most do).
    public var confirmsCompletion: Bool

    public init(
        paperWidth: PaperWidth = .mm80, chineseMode: Bool = true, automaticStatusBack: Bool = false,
        paperRollLengthMillimetres: Int? = nil, feedLinesBeforeCut: Int = 0,
        timing: ESCPOSConversation.Timing = .init(), confirmsCompletion: Bool = true
    ) {
        self.paperWidth = paperWidth
        self.chineseMode = chineseMode
        self.automaticStatusBack = automaticStatusBack
        self.paperRollLengthMillimetres = paperRollLengthMillimetres
        self.feedLinesBeforeCut = feedLinesBeforeCut
        self.timing = timing
        self.confirmsCompletion = confirmsCompletion
    }

    /// The configuration a profile's parameters give (absent ones keep their defaults).
    public init(profile: DeviceProfile) {
        self.init()
        let parameters = profile.parameters
        if let width = parameters["paper_width_mm"]?.integerValue, let paper = PaperWidth(rawValue: width) { paperWidth = paper }
        if let chinese = parameters["chinese_mode"]?.booleanValue { chineseMode = chinese }
        if let automatic = parameters["auto_status_back"]?.booleanValue { automaticStatusBack = automatic }
        paperRollLengthMillimetres = parameters["paper_roll_length_mm"]?.integerValue
        if let lines = parameters["feed_lines_before_cut"]?.integerValue { feedLinesBeforeCut = lines }
        timing.statusTimeout = profile.health.timeout
    }

    /// The encoder for this printer.
    public var encoder: ReceiptEncoder {
        ReceiptEncoder(paperWidth: paperWidth, chineseMode: chineseMode, feedLinesBeforeCut: feedLinesBeforeCut)
    }
}
