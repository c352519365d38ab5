/// One alternate setting of an interface, from the configuration descriptor (USB 2.0 §9.6.5).
public struct USBInterfaceInfo: Sendable, Hashable {
    public var number: UInt8
    public var alternateSetting: UInt8
    /// bInterfaceClass, e.g. 0x07 printer.
    public var interfaceClass: UInt8
    public var interfaceSubclass: UInt8
    /// For the printer class: 1 unidirectional, 2 bidirectional (bulk IN for status), 3 IEEE 1284.4.
    public var interfaceProtocol: UInt8
    public var endpoints: [USBEndpointInfo]

    public init(
        number: UInt8, alternateSetting: UInt8, interfaceClass: UInt8, interfaceSubclass: UInt8,
        interfaceProtocol: UInt8, endpoints: [USBEndpointInfo]
    ) {
        self.number = number
        self.alternateSetting = alternateSetting
        self.interfaceClass = interfaceClass
        self.interfaceSubclass = interfaceSubclass
        self.interfaceProtocol = interfaceProtocol
        self.endpoints = endpoints
    }
}
