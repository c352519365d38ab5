import KioskCore
import KioskDevices

/// The devices as workflows use them: by role, with timeouts, never by driver.
///
/// Methods throw `WorkflowDeviceError`; a role whose device is missing or broken throws `.unavailable`
/// at once, and its services are unavailable (never faked).
public protocol WorkflowDevices: Sendable {
    /// Waits up to `timeout` for a resident ID card on the reader and reads it.
    func readIDCard(timeout: Duration) async throws -> IDCardHolder
    /// Waits up to `timeout` for a social-security card on the PC/SC reader and reads it.
    func readSocialSecurityCard(timeout: Duration) async throws -> SocialSecurityCard
    /// Waits up to `timeout` for the next code on the QR scanner.
    func nextQRCode(timeout: Duration) async throws -> ScannedCode
    /// Prints a receipt on the receipt printer; returns when it is printed and cut.
    func printReceipt(_ receipt: Receipt) async throws
    /// Prints an A4 certificate; returns when the printer has taken it.
    func printCertificate(_ certificate: CertificateDocument) async throws
    /// Whether the device of `role` can be used now, and if not why, in words for citizens.
    func availability(of role: DeviceRole) async -> DeviceAvailability
    /// Cards going into and out of the readers that can tell, until the consumer stops iterating.
    func cardEvents() -> AsyncStream<CardPresence>
    /// Whether a card is in the reader of `role` now; nil when that reader cannot tell without a read.
    func cardPresence(of role: DeviceRole) async -> CardPresence?
    /// A citizen's session ended (`expired`: by the idle timeout), for the devices that watch for it (the touch panel).
    func sessionEnded(expired: Bool) async
}
