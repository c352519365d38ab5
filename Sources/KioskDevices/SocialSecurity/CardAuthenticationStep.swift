/// A step run after the application is selected and before EF05/EF06 are read, for cards that
/// need it (a PSAM external authentication on third-generation cards, per issuer).
///
/// kioskd ships none yet: PROTOCOLS.md §3 leaves open whether EF05/EF06 need PSAM authentication.
/// A PSAM step would get a challenge from the card (`00 84 00 00 08`), have the PSAM (a second
/// `CardChannel`, in the reader's SAM slot) compute the cryptogram, and send `00 82 …` to the card.
public protocol CardAuthenticationStep: Sendable {
    /// A name for logs and errors (`psam`).
    var name: String { get }
    /// Authenticates over `exchange`; throws `SocialSecurityError` when the card refuses.
    func authenticate(_ exchange: APDUExchange) async throws
}
