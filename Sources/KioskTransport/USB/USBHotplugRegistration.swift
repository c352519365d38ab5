import CLibUSB

/// One hot-plug callback registered with libusb; its address is the callback's user_data.
final class USBHotplugRegistration: Sendable {
    private let continuation: AsyncStream<USBHotplugEvent>.Continuation

    init(_ continuation: AsyncStream<USBHotplugEvent>.Continuation) {
        self.continuation = continuation
    }

    func yield(_ event: USBHotplugEvent) {
        continuation.yield(event)
    }

    func finish() {
        continuation.finish()
    }
}

/// libusb's hot-plug callback (on the event thread): reports the event and keeps the registration.
func usbHotplugCallback(
    _ context: OpaquePointer?, _ device: OpaquePointer?, _ event: libusb_hotplug_event, _ userData: UnsafeMutableRawPointer?
) -> Int32 {
    guard let device, let userData else { return 0 }
    let registration = Unmanaged<USBHotplugRegistration>.fromOpaque(userData).takeUnretainedValue()
    let label = USBContext.label(of: device)
    registration.yield(event == LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED ? .arrived(label) : .left(label))
    return 0
}
