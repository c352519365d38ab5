import KioskCore

extension DeviceHub {
    /// The touch display `reference` names, running.
    public func touchDisplay(_ reference: DeviceReference = .role(.touchDisplay)) throws(DeviceUnavailable) -> TouchDisplayDevice {
        let found = try running(reference)
        guard let device = found.device as? TouchDisplayDevice else {
            throw .wrongDriver(id: found.id, driver: found.driver, wanted: "a touch display")
        }
        return device
    }

    /// Tells every running touch display that a citizen's session ended (`expired`: by the idle timeout), for the
    /// "no touch while sessions timed out untouched" suspicion (`TouchSuspicion`).
    public func sessionEnded(expired: Bool) {
        for id in deviceIDs {
            (managedDevice(id) as? TouchDisplayDevice)?.sessionEnded(expired: expired)
        }
    }
}
