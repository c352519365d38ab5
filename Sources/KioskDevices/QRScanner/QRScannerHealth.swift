import KioskCore

/// What a scanner's health probe found: the state to report and why, in words a maintainer can act on.
public struct QRScannerHealth: Sendable, Equatable {
    public var state: DeviceState
    public var detail: String

    public init(state: DeviceState, detail: String) {
        self.state = state
        self.detail = detail
    }
}
