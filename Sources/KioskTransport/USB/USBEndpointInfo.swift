/// One endpoint of an interface, from the configuration descriptor (USB 2.0 §9.6.6).
public struct USBEndpointInfo: Sendable, Hashable {
    public enum TransferType: String, Sendable, Hashable {
        case control, isochronous, bulk, interrupt
    }

    public enum Direction: String, Sendable, Hashable {
        case `in`, out
    }

    /// bEndpointAddress, e.g. 0x82 (IN endpoint 2).
    public var address: UInt8
    public var transferType: TransferType
    /// wMaxPacketSize (bits 0-10; bits 11-12 are extra transactions per microframe).
    public var maxPacketSize: UInt16

    public init(address: UInt8, transferType: TransferType, maxPacketSize: UInt16) {
        self.address = address
        self.transferType = transferType
        self.maxPacketSize = maxPacketSize
    }

    /// Bit 7 of the address: set for IN (device to host).
    public var direction: Direction { address & 0x80 != 0 ? .in : .out }

    /// The transfer type from bits 0-1 of bmAttributes.
    public init(address: UInt8, attributes: UInt8, maxPacketSize: UInt16) {
        let type: TransferType =
            switch attributes & 0x03 {
            case 0: .control
            case 1: .isochronous
            case 2: .bulk
            default: .interrupt
            }
        self.init(address: address, transferType: type, maxPacketSize: maxPacketSize & 0x07FF)
    }
}
