extension USBDeviceHandle {
    /// Reads the printer-class port status of `interface` (GET_PORT_STATUS, 1 byte).
    ///
    /// Many receipt printers answer a constant; use ESC/POS `DLE EOT` for paper and cover state.
    public func printerPortStatus(interface: UInt8, timeout: Duration = .seconds(2)) async throws(USBError) -> PrinterPortStatus {
        let setup = PrinterPortStatus.request(interface: interface)
        let reply = try await control(setup, data: [], timeout: timeout)
        guard let byte = reply.data.first else {
            throw .io(errorContext("GET_PORT_STATUS on interface \(interface) (the printer answered no data)"))
        }
        return PrinterPortStatus(rawValue: byte)
    }
}
