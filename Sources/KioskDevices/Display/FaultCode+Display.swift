import KioskCore

extension FaultCode {
    /// A warning: the touch panel is present but has been silent while sessions timed out untouched (`TouchSuspicion`).
    public static let displayTouchUnresponsive: FaultCode = "display.touch-unresponsive"
}
