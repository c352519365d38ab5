/// The state of one device, as every layer and the API report it.
public enum DeviceState: String, Sendable, CaseIterable, Codable {
    /// Present and working.
    case online
    /// Present but not answering or switched off.
    case offline
    /// Not found where it was configured.
    case noDevice
    /// A fault that needs an engineer (mechanism, SAM, cutter…).
    case hardwareError
    /// A fault that staff on site can clear (paper out, cover open, card jam).
    case userError
    /// Serving a citizen right now.
    case busy
}
