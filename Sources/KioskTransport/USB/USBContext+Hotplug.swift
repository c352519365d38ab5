import CLibUSB

extension USBContext {
    /// Whether this libusb reports hot-plug (true on Linux).
    public var supportsHotplug: Bool {
        libusb_has_capability(UInt32(LIBUSB_CAP_HAS_HOTPLUG.rawValue)) != 0
    }

    /// Devices plugged in and pulled out from now on (with `includeExisting`, first an `.arrived` for
    /// each device already present), filtered by vendor and product when given.
    ///
    /// The stream finishes at once when libusb cannot report hot-plug or registration fails (both
    /// logged); ending the stream (cancelling its consumer) deregisters the callback.
    public func hotplugEvents(vendor: UInt16? = nil, product: UInt16? = nil, includeExisting: Bool = false) -> AsyncStream<USBHotplugEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: USBHotplugEvent.self, bufferingPolicy: .bufferingNewest(256))
        guard supportsHotplug else {
            logger.info("libusb on this system cannot report USB hot-plug")
            continuation.finish()
            return stream
        }
        let registration = Unmanaged.passRetained(USBHotplugRegistration(continuation))
        var handle: libusb_hotplug_callback_handle = 0
        let result = libusb_hotplug_register_callback(
            pointer.raw,
            Int32(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED.rawValue | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT.rawValue),
            includeExisting ? Int32(LIBUSB_HOTPLUG_ENUMERATE.rawValue) : 0,
            vendor.map(Int32.init) ?? LIBUSB_HOTPLUG_MATCH_ANY,
            product.map(Int32.init) ?? LIBUSB_HOTPLUG_MATCH_ANY,
            LIBUSB_HOTPLUG_MATCH_ANY,
            usbHotplugCallback,
            registration.toOpaque(),
            &handle)
        guard result == 0 else {
            let error = USBError(libusbCode: result, USBErrorContext(device: nil, operation: "register a hot-plug callback"))
            logger.info("USB hot-plug is unavailable", metadata: ["error": "\(error)"])
            registration.release()
            continuation.finish()
            return stream
        }
        hotplugRegistrations.withLock { $0.append(registration) }
        let callback = handle
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            libusb_hotplug_deregister_callback(self.pointer.raw, callback)
        }
        return stream
    }
}
