/// A control line of `kiosk-emulator idcard` (read from its standard input).
public enum IDCardEmulatorControl: Sendable, Equatable {
    /// `present NAME`
    case present(String)
    /// `lift`
    case lift
    /// `sam-fail on|off|silent`
    case samFailure(IDCardEmulatorDevice.SAMFailure?)
    /// `corrupt on|off|once [checksum|truncate|garbage]`
    case corrupt(IDCardEmulatorDevice.FrameCorruption?, count: Int?)
    /// `status`
    case status
    /// `help`
    case help
    /// `quit`
    case quit

    /// The usage text the CLI prints for `help` and for lines it does not understand.
    public static let usage = """
        commands: present NAME | lift | sam-fail on|off|silent | corrupt on|off|once [checksum|truncate|garbage] | status | help | quit
        """

    /// Parses one line; nil for a line that is not a command.
    public init?(line: String) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        let argument = words.count > 1 ? words[1].lowercased() : nil
        switch (verb, argument) {
        case ("present", .some):
            self = .present(words[1])
        case ("lift", nil):
            self = .lift
        case ("sam-fail", "on"):
            self = .samFailure(.selfTestFailed)
        case ("sam-fail", "silent"):
            self = .samFailure(.silent)
        case ("sam-fail", "off"):
            self = .samFailure(nil)
        case ("corrupt", "off"):
            self = .corrupt(nil, count: nil)
        case ("corrupt", "on"), ("corrupt", "once"):
            let kind = words.count > 2 ? IDCardEmulatorDevice.FrameCorruption(rawValue: words[2].lowercased()) : .checksum
            guard let kind else { return nil }
            self = .corrupt(kind, count: argument == "once" ? 1 : nil)
        case ("status", nil):
            self = .status
        case ("help", nil):
            self = .help
        case ("quit", nil), ("exit", nil):
            self = .quit
        default:
            return nil
        }
    }
}

extension IDCardEmulator {
    /// Carries out `control`; returns the line to print (no personal data: cards are named by key).
    public func apply(_ control: IDCardEmulatorControl) -> String {
        switch control {
        case .present(let name):
            do {
                try present(cardNamed: name)
                return "presented card \(name)"
            } catch {
                return "error: \(error)"
            }
        case .lift:
            lift()
            return "card lifted"
        case .samFailure(let failure):
            setSAMFailure(failure)
            return failure.map { "SAM failing: \($0)" } ?? "SAM working"
        case .corrupt(let kind, let count):
            setCorruption(kind, count: count)
            guard let kind else { return "responses intact" }
            return count == nil ? "damaging every response (\(kind.rawValue))" : "damaging the next response (\(kind.rawValue))"
        case .status:
            let (received, sent) = traffic
            let card = presentedCard.map { "card \($0.key) on the reader" } ?? "no card"
            return "\(card); \(received) bytes received, \(sent) sent; link \(linkPath) -> \(devicePath)"
        case .help, .quit:
            return IDCardEmulatorControl.usage
        }
    }
}
