import CLibUSB
import Logging
import Synchronization

/// One libusb context with its own event thread: enumerates devices, opens them and reports hot-plug.
///
/// Handles opened from a context keep it alive; the context ends (event thread joined, then
/// `libusb_exit`) when the last reference goes.
public final class USBContext: Sendable {
    let pointer: LibusbPointer
    let logger: Logger
    private let eventThread: USBEventThread
    /// Hot-plug registrations; freed only after `libusb_exit`, as a callback may still be running
    /// while a registration is being removed.
    let hotplugRegistrations = Mutex<[Unmanaged<USBHotplugRegistration>]>([])

    /// Initialises libusb and starts the event thread. Logs (at info and below) only to `logger`.
    public init(logger: Logger = Logger(label: "kioskd.usb", factory: { _ in SwiftLogNoOpLogHandler() })) throws(USBError) {
        var context: OpaquePointer?
        let result = libusb_init(&context)
        guard result == 0, let context else {
            throw USBError(libusbCode: result, USBErrorContext(device: nil, operation: "initialise libusb"))
        }
        self.pointer = LibusbPointer(raw: context)
        self.logger = logger
        self.eventThread = USBEventThread(context: pointer)
    }

    deinit {
        eventThread.shutdown()
        let registrations = hotplugRegistrations.withLock { registrations in
            defer { registrations = [] }
            return registrations
        }
        for registration in registrations {
            registration.takeUnretainedValue().finish()
            registration.release()
        }
    }

    /// Every device on every bus, with its interfaces and (when it has one) its serial number.
    public func devices() throws(USBError) -> [USBDeviceInfo] {
        try withDeviceList { devices in devices.map { describe($0) } }
    }

    /// Opens the one device that `selector` picks.
    ///
    /// - Throws: `USBError.noMatchingDevice`, `.ambiguous` when several match and nothing tells them
    ///   apart, or the libusb error of `libusb_open` (`.accessDenied` most often).
    public func open(_ selector: USBDeviceSelector) throws(USBError) -> USBDeviceHandle {
        try withDeviceList { devices throws(USBError) in
            let candidates = devices.filter { device in
                var descriptor = libusb_device_descriptor()
                return libusb_get_device_descriptor(device.raw, &descriptor) == 0
                    && descriptor.idVendor == selector.vendor && descriptor.idProduct == selector.product
            }
            let matching = candidates.map { ($0, describe($0)) }.filter { selector.matches($0.1) }
            guard let (device, info) = matching.first else { throw .noMatchingDevice(selector) }
            guard matching.count == 1 else {
                throw .ambiguous(selector, candidates: matching.map(\.1.label).sorted { $0.portPath < $1.portPath })
            }
            var handle: OpaquePointer?
            let result = libusb_open(device.raw, &handle)
            guard result == 0, let handle else {
                throw USBError(libusbCode: result, USBErrorContext(device: info.label, operation: "open"))
            }
            logger.debug("opened USB device", metadata: ["device": "\(info.label)"])
            return USBDeviceHandle(context: self, handle: LibusbPointer(raw: handle), device: info.label)
        }
    }

    /// Opens the one device with this vendor and product, narrowed by serial number and port.
    public func open(vendor: UInt16, product: UInt16, serial: String? = nil, port: String? = nil) throws(USBError) -> USBDeviceHandle {
        try open(USBDeviceSelector(vendor: vendor, product: product, serialNumber: serial, portPath: port))
    }

    private func withDeviceList<T>(_ body: ([LibusbPointer]) throws(USBError) -> T) throws(USBError) -> T {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        let count = libusb_get_device_list(pointer.raw, &list)
        guard count >= 0, let list else {
            throw USBError(libusbCode: Int32(truncatingIfNeeded: count), USBErrorContext(device: nil, operation: "list USB devices"))
        }
        defer { libusb_free_device_list(list, 1) }
        let devices = (0..<count).compactMap { list[$0].map(LibusbPointer.init(raw:)) }
        return try body(devices)
    }
}
