import KioskCore

extension DeviceHub {
    /// The ID-card reader `reference` names (`.role(.idCardReader)` for the kiosk's one), opened.
    public func idCardReader(_ reference: DeviceReference = .role(.idCardReader)) async throws(DeviceUnavailable) -> IDCardReader {
        let found = try running(reference)
        guard let device = found.device as? IDCardManagedDevice else {
            throw .wrongDriver(id: found.id, driver: found.driver, wanted: "an ID-card reader")
        }
        return try await device.currentReader()
    }

    /// The receipt printer `reference` names, opened.
    public func receiptPrinter(_ reference: DeviceReference = .role(.receiptPrinter)) async throws(DeviceUnavailable) -> ESCPOSPrinter {
        let found = try running(reference)
        guard let device = found.device as? ESCPOSManagedDevice else {
            throw .wrongDriver(id: found.id, driver: found.driver, wanted: "an ESC/POS receipt printer")
        }
        return try await device.currentPrinter()
    }

    /// The QR scanner `reference` names, serial or HID.
    public func qrScanner(_ reference: DeviceReference = .role(.qrScanner)) throws(DeviceUnavailable) -> QRScannerDriver {
        let found = try running(reference)
        if let device = found.device as? SerialQRScannerManagedDevice {
            return .serial(try device.currentScanner())
        }
        if let device = found.device as? HIDQRScannerManagedDevice {
            return .hid(try device.currentScanner())
        }
        throw .wrongDriver(id: found.id, driver: found.driver, wanted: "a QR scanner")
    }
}
