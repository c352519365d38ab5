/// Who must act on a fault, after XFS4IoT's device status: staff on site, an engineer, software or configuration.
public enum FaultAction: String, Sendable, Codable, CaseIterable {
    /// Staff on site can clear it (paper, cover, card jam).
    case clear
    /// An engineer must come (mechanism, SAM, cutter, cabling).
    case maintenance
    /// kioskd or another program is at fault; a restart or an update fixes it.
    case software
    /// The configuration names something that does not exist or is wrong.
    case configuration
}
