/// Why a simulation control could not be carried out, or the simulation could not start.
public enum DeviceSimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No emulator runs for this device id.
    case unknownDevice(String, emulated: [String])
    /// The device's emulator is of another kind (a scan sent to the printer).
    case wrongKind(String, is: String, wanted: String)
    /// No sample card has this key.
    case unknownCard(String, known: [String])
    /// The emulator failed to carry out the control (it was stopped, its pty closed).
    case emulatorFailed(String, reason: String)
    /// An emulator could not be started.
    case startFailed(String, reason: String)

    public var description: String {
        switch self {
        case .unknownDevice(let id, let emulated):
            "no emulator runs for device \"\(id)\"; emulated devices: \(emulated.joined(separator: ", "))"
        case .wrongKind(let id, let kind, let wanted):
            "device \"\(id)\" is emulated as \(kind), not as \(wanted)"
        case .unknownCard(let key, let known):
            "no sample card \"\(key)\"; known cards: \(known.joined(separator: ", "))"
        case .emulatorFailed(let id, let reason):
            "the emulator of \"\(id)\" failed: \(reason)"
        case .startFailed(let id, let reason):
            "the emulator of \"\(id)\" did not start: \(reason)"
        }
    }
}
