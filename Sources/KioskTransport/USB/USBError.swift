/// A USB operation that failed, with the device and the operation named.
///
/// Every libusb error code and every unsuccessful transfer status maps to one case; `description`
/// says what a maintainer can do about it.
public enum USBError: Error, Sendable, Hashable {
    /// LIBUSB_ERROR_IO, LIBUSB_TRANSFER_ERROR.
    case io(USBErrorContext)
    /// LIBUSB_ERROR_INVALID_PARAM.
    case invalidParameter(USBErrorContext)
    /// LIBUSB_ERROR_ACCESS: no permission on the usbfs node.
    case accessDenied(USBErrorContext)
    /// LIBUSB_ERROR_NO_DEVICE, LIBUSB_TRANSFER_NO_DEVICE: unplugged.
    case noDevice(USBErrorContext)
    /// LIBUSB_ERROR_NOT_FOUND.
    case notFound(USBErrorContext)
    /// LIBUSB_ERROR_BUSY: the interface is claimed by another process.
    case busy(USBErrorContext)
    /// LIBUSB_ERROR_TIMEOUT, LIBUSB_TRANSFER_TIMED_OUT.
    case timeout(USBErrorContext)
    /// LIBUSB_ERROR_OVERFLOW, LIBUSB_TRANSFER_OVERFLOW.
    case overflow(USBErrorContext)
    /// LIBUSB_ERROR_PIPE, LIBUSB_TRANSFER_STALL: the endpoint stalled or the request was refused.
    case stalled(USBErrorContext)
    /// LIBUSB_ERROR_INTERRUPTED.
    case interrupted(USBErrorContext)
    /// LIBUSB_ERROR_NO_MEM.
    case noMemory(USBErrorContext)
    /// LIBUSB_ERROR_NOT_SUPPORTED.
    case notSupported(USBErrorContext)
    /// LIBUSB_ERROR_OTHER and codes this libusb does not document.
    case other(code: Int32, USBErrorContext)
    /// LIBUSB_TRANSFER_CANCELLED, or the task was cancelled before the transfer was submitted.
    case cancelled(USBErrorContext)
    /// libusb_reset_device answered LIBUSB_ERROR_NOT_FOUND: the device came back as a new device.
    case needsReenumeration(USBErrorContext)
    /// The handle was used after `close()`.
    case closed(USBErrorContext)
    /// No plugged-in device matches.
    case noMatchingDevice(USBDeviceSelector)
    /// Several devices match and nothing tells them apart.
    case ambiguous(USBDeviceSelector, candidates: [USBDeviceLabel])
}
