/// One rung of the recovery ladder that a technician would try before calling for help.
public enum RecoveryStep: String, Sendable, Codable, CaseIterable {
    /// Close and open the transport again (serial port, PC/SC context, evdev node).
    case reopen
    /// Reset the device on the USB bus.
    case usbReset = "usb-reset"
    /// Release and claim the USB interface again (detaching usblp).
    case reclaim
    /// Re-enable a stopped CUPS queue and make it accept jobs.
    case enableQueue = "enable-queue"
    /// Reset the device through its own protocol (ESC @, SAM reset).
    case deviceReset = "device-reset"
}

/// What one recovery attempt did.
public struct RecoveryAttempt: Sendable, Equatable, Codable {
    public var step: RecoveryStep
    /// Whether the step itself succeeded (the next probe says whether the fault is gone).
    public var succeeded: Bool
    /// What happened, for the fault history and the alert's description.
    public var detail: String

    public init(step: RecoveryStep, succeeded: Bool, detail: String) {
        self.step = step
        self.succeeded = succeeded
        self.detail = detail
    }
}
