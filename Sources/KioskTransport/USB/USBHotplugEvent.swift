/// A device plugged in or pulled out, as libusb's hot-plug callback reports it.
///
/// The label is all that can be read safely inside the callback; open the device (by its port, say)
/// after the event to learn more.
public enum USBHotplugEvent: Sendable, Hashable {
    case arrived(USBDeviceLabel)
    case left(USBDeviceLabel)

    public var device: USBDeviceLabel {
        switch self {
        case .arrived(let device), .left(let device): device
        }
    }
}
