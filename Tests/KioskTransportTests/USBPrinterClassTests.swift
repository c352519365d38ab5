import Testing

@testable import KioskTransport

/// The printer-class wire facts, without I/O: the GET_PORT_STATUS setup packet and its answer.
@Suite("USB printer class")
struct USBPrinterClassTests {
    @Test("GET_PORT_STATUS is A1 01, wValue 0, wIndex the interface (low byte), wLength 1", arguments: [
        (UInt8(0), [0xA1, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00] as [UInt8]),
        (UInt8(1), [0xA1, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00] as [UInt8]),
    ])
    func getPortStatusSetup(interface: UInt8, bytes: [UInt8]) {
        #expect(PrinterPortStatus.request(interface: interface).bytes == bytes)
        #expect(PrinterPortStatus.request(interface: interface).isDeviceToHost)
    }

    @Test("setup fields go on the wire little-endian")
    func setupEncoding() {
        // Given
        let setup = USBControlSetup(requestType: 0x21, request: 0x02, value: 0x1234, index: 0x0100, length: 0x0203)

        // Then
        #expect(setup.bytes == [0x21, 0x02, 0x34, 0x12, 0x00, 0x01, 0x03, 0x02])
        #expect(!setup.isDeviceToHost)
    }

    @Test("port status bits: 3 no error, 4 selected, 5 paper empty", arguments: [
        (UInt8(0x18), true, true, false, "0x18 (selected, no error, paper present)"),
        (UInt8(0x38), true, true, true, "0x38 (selected, no error, paper empty)"),
        (UInt8(0x10), true, false, false, "0x10 (selected, error, paper present)"),
        (UInt8(0x00), false, false, false, "0x00 (not selected, error, paper present)"),
    ])
    func portStatus(raw: UInt8, selected: Bool, noError: Bool, paperEmpty: Bool, description: String) {
        let status = PrinterPortStatus(rawValue: raw)
        #expect(status.selected == selected)
        #expect(status.noError == noError)
        #expect(status.paperEmpty == paperEmpty)
        #expect(status.description == description)
    }

    @Test("endpoint attributes give the transfer type, the address the direction", arguments: [
        (UInt8(0x01), UInt8(0x02), USBEndpointInfo.TransferType.bulk, USBEndpointInfo.Direction.out),
        (UInt8(0x82), UInt8(0x02), .bulk, .in),
        (UInt8(0x81), UInt8(0x03), .interrupt, .in),
        (UInt8(0x83), UInt8(0x01), .isochronous, .in),
    ])
    func endpoint(address: UInt8, attributes: UInt8, type: USBEndpointInfo.TransferType, direction: USBEndpointInfo.Direction) {
        let endpoint = USBEndpointInfo(address: address, attributes: attributes, maxPacketSize: 0x1040)
        #expect(endpoint.transferType == type)
        #expect(endpoint.direction == direction)
        #expect(endpoint.maxPacketSize == 0x40)  // bits 11-12 (extra transactions) masked off
    }
}
