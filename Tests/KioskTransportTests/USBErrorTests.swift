import CLibUSB
import Testing

@testable import KioskTransport

/// Every libusb error code and transfer status maps to a typed case whose message names the device.
@Suite("USB errors")
struct USBErrorTests {
    static let printer = USBDeviceLabel(vendor: 0x0416, product: 0x5011, bus: 1, address: 2, portPath: "1-1.4")
    static let context = USBErrorContext(device: printer, operation: "claim interface 0")

    @Test("each libusb error code has its own case", arguments: [
        (LIBUSB_ERROR_IO.rawValue, "io"),
        (LIBUSB_ERROR_INVALID_PARAM.rawValue, "invalidParameter"),
        (LIBUSB_ERROR_ACCESS.rawValue, "accessDenied"),
        (LIBUSB_ERROR_NO_DEVICE.rawValue, "noDevice"),
        (LIBUSB_ERROR_NOT_FOUND.rawValue, "notFound"),
        (LIBUSB_ERROR_BUSY.rawValue, "busy"),
        (LIBUSB_ERROR_TIMEOUT.rawValue, "timeout"),
        (LIBUSB_ERROR_OVERFLOW.rawValue, "overflow"),
        (LIBUSB_ERROR_PIPE.rawValue, "stalled"),
        (LIBUSB_ERROR_INTERRUPTED.rawValue, "interrupted"),
        (LIBUSB_ERROR_NO_MEM.rawValue, "noMemory"),
        (LIBUSB_ERROR_NOT_SUPPORTED.rawValue, "notSupported"),
        (LIBUSB_ERROR_OTHER.rawValue, "other"),
    ])
    func libusbCode(code: Int32, name: String) {
        let error = USBError(libusbCode: code, Self.context)
        #expect(error.name == name)
        #expect(error.context == Self.context)
        #expect(error.description.hasPrefix("USB device 0416:5011 at port 1-1.4 (/dev/bus/usb/001/002): claim interface 0 failed"))
    }

    @Test("each unsuccessful transfer status has its case; a completed transfer is no error", arguments: [
        (LIBUSB_TRANSFER_COMPLETED, nil),
        (LIBUSB_TRANSFER_ERROR, "io"),
        (LIBUSB_TRANSFER_TIMED_OUT, "timeout"),
        (LIBUSB_TRANSFER_CANCELLED, "cancelled"),
        (LIBUSB_TRANSFER_STALL, "stalled"),
        (LIBUSB_TRANSFER_NO_DEVICE, "noDevice"),
        (LIBUSB_TRANSFER_OVERFLOW, "overflow"),
    ] as [(libusb_transfer_status, String?)])
    func transferStatus(status: libusb_transfer_status, name: String?) {
        #expect(USBError(transferStatus: status, Self.context)?.name == name)
    }

    @Test("the messages say what a maintainer can do", arguments: [
        (USBError.accessDenied(context), ["permission denied", "/dev/bus/usb/001/002", "udev rule", "kioskd group", "0416:5011"]),
        (USBError.busy(context), ["claimed by another process", "fuser -v /dev/bus/usb/001/002"]),
        (USBError.noDevice(context), ["unplugged"]),
        (USBError.stalled(context), ["endpoint stalled"]),
        (USBError.timeout(USBErrorContext(device: printer, operation: "bulk OUT of 21 bytes on endpoint 0x01", transferred: 16)), ["after 16 bytes", "timed out"]),
        (USBError.needsReenumeration(context), ["open it again"]),
        (USBError.noMatchingDevice(USBDeviceSelector(vendor: 0x0416, product: 0x5011, serialNumber: "X")), ["no USB device matches 0416:5011 with serial X"]),
        (USBError.ambiguous(USBDeviceSelector(vendor: 0x0416, product: 0x5011), candidates: [printer]), ["ports 1-1.4", "serial number or the port"]),
    ])
    func messages(error: USBError, phrases: [String]) {
        for phrase in phrases {
            #expect(error.description.contains(phrase), "\(error.description)")
        }
    }

    @Test("a selector matches vendor and product, and serial and port when given")
    func selector() {
        // Given
        let device = USBDeviceInfo(
            vendor: 0x0416, product: 0x5011, bus: 1, address: 2, portPath: "1-1.4", deviceClass: 0,
            serialNumber: "KX58A0001", interfaces: [])

        // Then
        #expect(USBDeviceSelector(vendor: 0x0416, product: 0x5011).matches(device))
        #expect(USBDeviceSelector(vendor: 0x0416, product: 0x5011, serialNumber: "KX58A0001", portPath: "1-1.4").matches(device))
        #expect(!USBDeviceSelector(vendor: 0x0416, product: 0x5011, serialNumber: "KX58A0002").matches(device))
        #expect(!USBDeviceSelector(vendor: 0x0416, product: 0x5011, portPath: "1-1.3").matches(device))
        #expect(!USBDeviceSelector(vendor: 0x0416, product: 0x5012).matches(device))
    }
}
