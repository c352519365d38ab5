import KioskCore
import Logging

/// The social-security card reader as the device runtime manages it: pcscd's state and the
/// configured reader's presence become a `ProbeReport`; `reopen` reconnects to pcscd.
public final class SocialSecurityReaderDevice: ManagedDevice {
    public let id: String
    public let reader: SocialSecurityCardReader

    public init(id: String, configuration: SocialSecurityReaderConfiguration, logger: Logger) {
        self.id = id
        self.reader = SocialSecurityCardReader(configuration: configuration, logger: logger)
    }

    public func start() async {
        await reader.start()
    }

    public func stop() async {
        await reader.stop()
    }

    public var recoverySteps: [RecoveryStep] { [.reopen] }

    public func recover(_ step: RecoveryStep) async -> RecoveryAttempt {
        guard step == .reopen else {
            return RecoveryAttempt(step: step, succeeded: false, detail: "\(step.rawValue) does not apply to a PC/SC reader (pcscd owns the USB device)")
        }
        await reader.endSession()
        reader.monitor.reopen()
        do {
            _ = try await PCSCContext.establish()
            return RecoveryAttempt(step: step, succeeded: true, detail: "reconnected to pcscd")
        } catch {
            return RecoveryAttempt(step: step, succeeded: false, detail: error.description)
        }
    }

    /// Asks pcscd directly (a fresh context), so the report does not wait for the monitor's next turn.
    public func probe(level: ProbeLevel) async -> ProbeReport {
        let prefix = reader.configuration.readerPrefix
        let readers: [String]
        do {
            readers = try await PCSCContext.establish().readers()
        } catch {
            return Self.report(id: id, prefix: prefix, readers: nil, error: error, cardPresent: false, inSession: false)
        }
        let inSession = await reader.inSession
        return Self.report(id: id, prefix: prefix, readers: readers, error: nil, cardPresent: reader.presentCard != nil, inSession: inSession)
    }

    /// The report for what pcscd said: nil `readers` means pcscd did not answer (`error`).
    public static func report(id: String, prefix: String, readers: [String]?, error: PCSCError?, cardPresent: Bool, inSession: Bool) -> ProbeReport {
        guard let readers else {
            return ProbeReport(deviceID: id, state: .offline, fault: .pcscServiceDown,
                               detail: SocialSecurityError.serviceUnavailable(error?.description ?? "no answer").description)
        }
        let matching = readers.filter { prefix.isEmpty || $0.hasPrefix(prefix) }
        guard let name = matching.first else {
            return ProbeReport(deviceID: id, state: .noDevice, fault: .pcscReaderMissing,
                               detail: SocialSecurityError.readerMissing(prefix: prefix).description,
                               facts: ["readers": "\(readers.count)"])
        }
        return ProbeReport(deviceID: id, state: inSession ? .busy : .online,
                           detail: inSession ? "a citizen's card session is open" : "reader ready",
                           facts: ["reader": name, "card": cardPresent ? "present" : "absent"])
    }
}
