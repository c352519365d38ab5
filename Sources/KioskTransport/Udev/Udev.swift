import CLibUdev
import KioskCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// kioskd's handle on libudev: lists the devices the kernel knows, as `SystemDevice` values.
///
/// libudev objects are not thread-safe, so every use of the context is serialised by a lock;
/// the values returned own no libudev object and can go anywhere.
public final class Udev: Sendable {
    /// The sysfs attributes read from each device (and, prefixed `parent.`, from the USB device
    /// above it) when present: what device profiles match on.
    public static let attributeNames = [
        "idVendor", "idProduct", "serial", "busnum", "devnum", "manufacturer", "product", "bInterfaceClass",
    ]

    private let context: Mutex<OpaquePointer>

    /// Creates a udev context.
    public init() throws(UdevError) {
        guard let udev = udev_new() else { throw .contextUnavailable(errno: errno) }
        context = Mutex(udev)
    }

    deinit {
        context.withLock { _ = udev_unref($0) }
    }

    /// Lists the devices in any of `subsystems` (all devices when empty) whose udev properties
    /// match every entry of `properties` (values may be shell globs, as in udev rules).
    ///
    /// Each device carries its properties, its sysfs attributes from `attributeNames`
    /// and, below a USB device, that device's attributes prefixed `parent.`.
    public func enumerate(subsystems: [String], properties: [String: String] = [:]) throws(UdevError) -> [SystemDevice] {
        try context.withLock { udev throws(UdevError) in
            guard let enumerator = udev_enumerate_new(udev) else {
                throw .enumerationFailed(step: "udev_enumerate_new", errno: errno)
            }
            defer { udev_enumerate_unref(enumerator) }
            for subsystem in subsystems {
                let result = udev_enumerate_add_match_subsystem(enumerator, subsystem)
                guard result >= 0 else { throw .enumerationFailed(step: "udev_enumerate_add_match_subsystem(\(subsystem))", errno: -result) }
            }
            // libudev keeps a device when any one property matches; the filter below asks for all.
            for (name, value) in properties.sorted(by: { $0.key < $1.key }) {
                let result = udev_enumerate_add_match_property(enumerator, name, value)
                guard result >= 0 else { throw .enumerationFailed(step: "udev_enumerate_add_match_property(\(name))", errno: -result) }
            }
            let result = udev_enumerate_scan_devices(enumerator)
            guard result >= 0 else { throw .enumerationFailed(step: "udev_enumerate_scan_devices", errno: -result) }

            var devices: [SystemDevice] = []
            var entry = udev_enumerate_get_list_entry(enumerator)
            while let current = entry {
                entry = udev_list_entry_get_next(current)
                // A device that went away between the scan and now is simply not listed.
                guard let syspath = udev_list_entry_get_name(current),
                    let device = udev_device_new_from_syspath(udev, syspath)
                else { continue }
                defer { udev_device_unref(device) }
                if let value = SystemDevice(udevDevice: device), value.matches(properties) {
                    devices.append(value)
                }
            }
            return devices
        }
    }
}

extension SystemDevice {
    /// Whether every wanted property is present with a value matching its glob.
    fileprivate func matches(_ wanted: [String: String]) -> Bool {
        wanted.allSatisfy { name, pattern in
            properties[name].map { fnmatch(pattern, $0, 0) == 0 } ?? false
        }
    }
}
