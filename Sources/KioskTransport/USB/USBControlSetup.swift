/// The 8-byte SETUP packet of a control transfer (USB 2.0 §9.3), declared once.
public struct USBControlSetup: Sendable, Hashable {
    /// bmRequestType: bit 7 direction (1 = IN), bits 5-6 type (0 standard, 1 class, 2 vendor),
    /// bits 0-4 recipient (0 device, 1 interface, 2 endpoint, 3 other).
    public var requestType: UInt8
    public var request: UInt8
    public var value: UInt16
    public var index: UInt16
    /// wLength: the bytes of the data stage.
    public var length: UInt16

    public init(requestType: UInt8, request: UInt8, value: UInt16, index: UInt16, length: UInt16) {
        self.requestType = requestType
        self.request = request
        self.value = value
        self.index = index
        self.length = length
    }

    /// Device to host (the data stage is read).
    public var isDeviceToHost: Bool { requestType & 0x80 != 0 }

    /// The packet as it goes on the wire, 16-bit fields little-endian.
    public var bytes: [UInt8] {
        [
            requestType, request,
            UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
            UInt8(truncatingIfNeeded: index), UInt8(truncatingIfNeeded: index >> 8),
            UInt8(truncatingIfNeeded: length), UInt8(truncatingIfNeeded: length >> 8),
        ]
    }

    public static let size = 8
}
