import KioskCore

extension QRScannerHealth {
    /// The probe report this health stands for: a missing node is `device.missing`, any other trouble
    /// `device.not-answering`.
    static func report(_ health: QRScannerHealth, deviceID: String, facts: [String: String]) -> ProbeReport {
        let fault: FaultCode? = switch health.state {
        case .online, .busy: nil
        case .noDevice: .deviceMissing
        case .offline, .hardwareError, .userError: .deviceNotAnswering
        }
        return ProbeReport(deviceID: deviceID, state: health.state, fault: fault, detail: health.detail, facts: facts)
    }
}
