import CLibUSB

extension USBError {
    /// The case for a negative libusb return code (`enum libusb_error`).
    init(libusbCode code: Int32, _ context: USBErrorContext) {
        switch code {
        case LIBUSB_ERROR_IO.rawValue: self = .io(context)
        case LIBUSB_ERROR_INVALID_PARAM.rawValue: self = .invalidParameter(context)
        case LIBUSB_ERROR_ACCESS.rawValue: self = .accessDenied(context)
        case LIBUSB_ERROR_NO_DEVICE.rawValue: self = .noDevice(context)
        case LIBUSB_ERROR_NOT_FOUND.rawValue: self = .notFound(context)
        case LIBUSB_ERROR_BUSY.rawValue: self = .busy(context)
        case LIBUSB_ERROR_TIMEOUT.rawValue: self = .timeout(context)
        case LIBUSB_ERROR_OVERFLOW.rawValue: self = .overflow(context)
        case LIBUSB_ERROR_PIPE.rawValue: self = .stalled(context)
        case LIBUSB_ERROR_INTERRUPTED.rawValue: self = .interrupted(context)
        case LIBUSB_ERROR_NO_MEM.rawValue: self = .noMemory(context)
        case LIBUSB_ERROR_NOT_SUPPORTED.rawValue: self = .notSupported(context)
        default: self = .other(code: code, context)
        }
    }

    /// The case for a transfer that completed unsuccessfully; nil for LIBUSB_TRANSFER_COMPLETED.
    init?(transferStatus status: libusb_transfer_status, _ context: USBErrorContext) {
        switch status {
        case LIBUSB_TRANSFER_COMPLETED: return nil
        case LIBUSB_TRANSFER_ERROR: self = .io(context)
        case LIBUSB_TRANSFER_TIMED_OUT: self = .timeout(context)
        case LIBUSB_TRANSFER_CANCELLED: self = .cancelled(context)
        case LIBUSB_TRANSFER_STALL: self = .stalled(context)
        case LIBUSB_TRANSFER_NO_DEVICE: self = .noDevice(context)
        case LIBUSB_TRANSFER_OVERFLOW: self = .overflow(context)
        default: self = .other(code: Int32(bitPattern: status.rawValue), context)
        }
    }
}

extension USBError {
    /// libusb's own name for a code, e.g. "LIBUSB_ERROR_OTHER".
    static func libusbName(_ code: Int32) -> String {
        String(cString: libusb_error_name(code))
    }
}
