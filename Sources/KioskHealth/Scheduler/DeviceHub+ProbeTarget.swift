import KioskDevices

/// The device runtime is what the health scheduler probes and recovers.
extension DeviceHub: ProbeTarget {}
