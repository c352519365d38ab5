import KioskCore

extension DeviceHub {
    /// The social-security card reader `reference` names (`.role(.socialSecurityCardReader)` for the kiosk's one).
    ///
    /// pcscd owns the USB device, so the reader is handed out as soon as its driver runs; whether pcscd and
    /// the reader answer shows in the device's probe report and in `waitForCard`/`readCard` errors.
    public func socialSecurityCardReader(
        _ reference: DeviceReference = .role(.socialSecurityCardReader)
    ) throws(DeviceUnavailable) -> SocialSecurityCardReader {
        let found = try running(reference)
        guard let device = found.device as? SocialSecurityReaderDevice else {
            throw .wrongDriver(id: found.id, driver: found.driver, wanted: "a PC/SC social-security card reader")
        }
        return device.reader
    }

    /// The A4 printer (a CUPS queue) `reference` names.
    public func a4Printer(_ reference: DeviceReference = .role(.a4Printer)) throws(DeviceUnavailable) -> A4Printer {
        let found = try running(reference)
        guard let device = found.device as? A4PrinterDevice else {
            throw .wrongDriver(id: found.id, driver: found.driver, wanted: "a CUPS A4 printer")
        }
        return device.printer
    }
}
