/// Why a social-security card could not be read, with what to do about it.
public enum SocialSecurityError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which APDU failed.
    public enum Step: Sendable, Equatable, CustomStringConvertible {
        case selectApplication
        case selectFile(SocialSecurityCommand.File)
        case readRecord(SocialSecurityField)
        case authentication(String)

        public var description: String {
            switch self {
            case .selectApplication: "SELECT application"
            case .selectFile(let file): "SELECT EF\(String(file.rawValue & 0xFF, radix: 16, uppercase: true).leftPadded)"
            case .readRecord(let field): "READ RECORD \(CardHex.string([field.rawValue]))"
            case .authentication(let name): "\(name) authentication"
            }
        }
    }

    /// The card has no social-security application (a bank card, a transport card…).
    case unknownApplication
    /// The card answered a step with an unexpected status word.
    case status(StatusWord, step: Step)
    /// The card's answers make no sense (records missing, endless GET RESPONSE…).
    case cardMisbehaves(detail: String)
    /// No card was presented in time.
    case noCard(after: Duration)
    /// The card was taken out during the read.
    case cardRemoved
    /// Another program holds the card (exclusive session elsewhere).
    case cardInUse
    /// The reader configured is not there.
    case readerMissing(prefix: String)
    /// pcscd is not running or went away; kioskd reconnects by itself.
    case serviceUnavailable(String)
    /// Any other PC/SC failure.
    case pcsc(PCSCError)
    /// No reading session is open (call `readCard` after `waitForCard`).
    case noSession

    /// A stable name for scripts and the API.
    public var code: String {
        switch self {
        case .unknownApplication: "unknownApplication"
        case .status(let status, _): "status.\(String(status.rawValue, radix: 16, uppercase: true))"
        case .cardMisbehaves: "cardMisbehaves"
        case .noCard: "noCard"
        case .cardRemoved: "cardRemoved"
        case .cardInUse: "cardInUse"
        case .readerMissing: "readerMissing"
        case .serviceUnavailable: "serviceUnavailable"
        case .pcsc: "pcsc"
        case .noSession: "noSession"
        }
    }

    public var description: String {
        switch self {
        case .unknownApplication:
            "the card has no social-security application — ask the citizen for their social-security card"
        case .status(.securityNotSatisfied, let step):
            "\(step) refused: \(StatusWord.securityNotSatisfied) — this card needs a PSAM step kioskd does not have; send the citizen to the counter"
        case .status(let status, let step):
            "\(step) failed: \(status) — take the card out and insert it again; if it repeats, the card may be damaged"
        case .cardMisbehaves(let detail):
            "the card answers in a way kioskd does not understand (\(detail)) — the card may be damaged"
        case .noCard(let after):
            "no card was inserted within \(after)"
        case .cardRemoved:
            "the card was taken out during the read — ask the citizen to insert it again and wait"
        case .cardInUse:
            "another program holds the card — stop it (pcsc_scan, a browser plug-in) or restart pcscd"
        case .readerMissing(let prefix):
            "no PC/SC reader named \"\(prefix)…\" — check the reader's USB cable and `pcsc_scan`"
        case .serviceUnavailable(let detail):
            // The detail may already say how to start pcscd (PCSCError.noService): say it once.
            detail.contains("start it")
                ? "pcscd is not available: \(detail); kioskd reconnects by itself"
                : "pcscd is not available (\(detail)) — start it (`systemctl start pcscd.socket`); kioskd reconnects by itself"
        case .pcsc(let error):
            "PC/SC failed: \(error)"
        case .noSession:
            "no card session is open — wait for a card first"
        }
    }
}

private extension String {
    var leftPadded: String { count < 2 ? "0" + self : self }
}
