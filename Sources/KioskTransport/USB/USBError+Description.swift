extension USBError: CustomStringConvertible {
    /// The context of every case that has one.
    public var context: USBErrorContext? {
        switch self {
        case .io(let context), .invalidParameter(let context), .accessDenied(let context), .noDevice(let context),
            .notFound(let context), .busy(let context), .timeout(let context), .overflow(let context),
            .stalled(let context), .interrupted(let context), .noMemory(let context), .notSupported(let context),
            .other(_, let context), .cancelled(let context), .needsReenumeration(let context), .closed(let context):
            context
        case .noMatchingDevice, .ambiguous:
            nil
        }
    }

    /// The case's name ("io", "timeout", "accessDenied"…), for JSON, logs and metric labels.
    public var name: String {
        switch self {
        case .io: "io"
        case .invalidParameter: "invalidParameter"
        case .accessDenied: "accessDenied"
        case .noDevice: "noDevice"
        case .notFound: "notFound"
        case .busy: "busy"
        case .timeout: "timeout"
        case .overflow: "overflow"
        case .stalled: "stalled"
        case .interrupted: "interrupted"
        case .noMemory: "noMemory"
        case .notSupported: "notSupported"
        case .other: "other"
        case .cancelled: "cancelled"
        case .needsReenumeration: "needsReenumeration"
        case .closed: "closed"
        case .noMatchingDevice: "noMatchingDevice"
        case .ambiguous: "ambiguous"
        }
    }

    /// One sentence a maintainer can act on: which device, what failed, what to check.
    public var description: String {
        switch self {
        case .noMatchingDevice(let selector):
            return "no USB device matches \(selector): check that it is plugged in and powered (`lsusb`), "
                + "and the vendor:product, serial and port in its profile"
        case .ambiguous(let selector, let candidates):
            let ports = candidates.map(\.portPath).joined(separator: ", ")
            return "\(candidates.count) USB devices match \(selector) (ports \(ports)): "
                + "set the serial number or the port in the device's profile to tell them apart"
        default:
            break
        }
        guard let context else { return "USB error" }
        let subject = context.device.map { "USB device \($0)" } ?? "USB"
        let sent = context.transferred.map { " after \($0) bytes" } ?? ""
        let what = "\(subject): \(context.operation) failed\(sent)"
        let node = context.device?.devicePath ?? "/dev/bus/usb/…"
        let ids = context.device?.ids ?? "vendor:product"
        switch self {
        case .io:
            return "\(what): input/output error; the transfer failed on the bus or the device answered "
                + "something else. Check the cable, the hub and the device's power, then reset or re-plug it"
        case .invalidParameter:
            return "\(what): invalid parameter (LIBUSB_ERROR_INVALID_PARAM); the interface or endpoint in the "
                + "profile probably does not exist on this model (compare with `lsusb -v -d \(ids)`)"
        case .accessDenied:
            return "\(what): permission denied (LIBUSB_ERROR_ACCESS) on \(node). Install the udev rule that "
                + "gives the kioskd group access (SUBSYSTEM==\"usb\", ATTR{idVendor}/ATTR{idProduct} of \(ids), "
                + "GROUP=\"kioskd\", MODE=\"0660\"), replug the device, and check kioskd runs with that group"
        case .noDevice:
            return "\(what): the device is gone (LIBUSB_ERROR_NO_DEVICE); it was unplugged or lost power. "
                + "Check the cable, the hub and the power supply"
        case .notFound:
            return "\(what): not found (LIBUSB_ERROR_NOT_FOUND); the interface is not claimed or the device "
                + "does not have it"
        case .busy:
            return "\(what): busy (LIBUSB_ERROR_BUSY); the interface is claimed by another process (CUPS's usb "
                + "backend, another kioskd?). Find it with `fuser -v \(node)`"
        case .timeout:
            return "\(what): timed out; the device did not answer in time. It may be offline, out of paper, "
                + "its cover open, or hung (power-cycle it)"
        case .overflow:
            return "\(what): overflow; the device sent more data than asked for. Check the endpoint's packet "
                + "size in the profile"
        case .stalled:
            return "\(what): endpoint stalled; the device refused the request or halted "
                + "the endpoint. Clear the halt or reset the device; a request the model does not support also stalls"
        case .interrupted:
            return "\(what): interrupted (LIBUSB_ERROR_INTERRUPTED); retry"
        case .noMemory:
            return "\(what): out of memory (LIBUSB_ERROR_NO_MEM); check the kiosk's memory use"
        case .notSupported:
            return "\(what): not supported by libusb on this system (LIBUSB_ERROR_NOT_SUPPORTED)"
        case .other(let code, _):
            return "\(what): libusb error \(code) (\(USBError.libusbName(code)))"
        case .cancelled:
            return "\(what): cancelled before it completed"
        case .needsReenumeration:
            return "\(what): the device re-enumerated after the reset (LIBUSB_ERROR_NOT_FOUND); "
                + "open it again by vendor:product, serial or port"
        case .closed:
            return "\(what): the handle is already closed"
        case .noMatchingDevice, .ambiguous:
            return what
        }
    }
}
