/// Health: probe scheduling, the fault state machine, alert routing, sinks and the durable outbox.
///
/// The layer is laid out in ../shared/DESIGN.md; its contents arrive with the issues that build on the foundation.
public enum KioskHealth {
    /// The layer's name, as used in log labels.
    public static let name = "KioskHealth"
}
