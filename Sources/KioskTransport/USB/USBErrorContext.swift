/// Where a USB error happened: the device (when one was involved) and what kioskd was doing.
public struct USBErrorContext: Sendable, Hashable {
    public var device: USBDeviceLabel?
    /// What failed, in words: "claim interface 0", "bulk OUT on endpoint 0x01".
    public var operation: String
    /// For a failed transfer: the bytes moved before it failed (a printer may have printed part of a receipt).
    public var transferred: Int?

    public init(device: USBDeviceLabel?, operation: String, transferred: Int? = nil) {
        self.device = device
        self.operation = operation
        self.transferred = transferred
    }
}
