#!/usr/bin/python3
"""Writes the umockdev recordings of a USB receipt printer used by KioskTransportTests/USB*.swift.

The files are generated from the formats, not recorded from hardware: USB 2.0 chapter 9 descriptors,
the USB printer class 1.1 GET_PORT_STATUS request, umockdev's device description format and its
ioctl-tree text format (umockdev src/ioctl_tree.c). ../README.md ("USB") says how to re-record them
from a real printer. Run with any Python 3 and commit the output next to this script:

    python3 Tests/KioskTransportTests/Recordings/USB/generate.py

Topology (the same as ../Udev/kiosk-devices.umockdev): root hub usb1 (devnum 1), a hub on port 1-1
(devnum 5), the printer on its port 4, i.e. 1-1.4 (devnum 2, /dev/bus/usb/001/002).
"""
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
ROOT = "/devices/pci0000:00/0000:00:14.0/usb1"

# The printer: "POS-80" modules that enumerate as 0416:5011, printer class 7/1/2, bulk OUT 0x01, bulk IN 0x82.
VENDOR, PRODUCT = 0x0416, 0x5011
PRINTER_CLASS, PRINTER_SUBCLASS, PRINTER_BIDIRECTIONAL = 0x07, 0x01, 0x02
EP_OUT, EP_IN = 0x01, 0x82
BULK, INTERRUPT = 0x02, 0x03
MAX_PACKET = 64

# usbdevfs URB types (linux/usbdevice_fs.h).
URB_CONTROL, URB_BULK = 2, 3

# The receipt the tests send: ESC @ (initialise); FS & (Chinese mode on), "缴费成功" (payment done)
# in GB18030, FS . (Chinese mode off), LF; GS V 1 (partial cut); DLE EOT 4 (paper roll status).
RECEIPT = (bytes.fromhex("1B40") + bytes.fromhex("1C26") + "缴费成功".encode("gb18030")
           + bytes.fromhex("1C2E") + b"\n" + bytes.fromhex("1D5601") + bytes.fromhex("100404"))
# The answer to DLE EOT 4: bits 1 and 4 always set, no paper bits: paper present.
PAPER_OK = bytes.fromhex("12")

# GET_PORT_STATUS (USB printer class 1.1 §4.2.2, as Linux usblp.c sends it): bmRequestType 0xA1
# (IN, class, interface), bRequest 0x01, wValue 0, wIndex = interface 0, wLength 1.
GET_PORT_STATUS_SETUP = struct.pack("<BBHHH", 0xA1, 0x01, 0, 0, 1)
# Bit 4 selected + bit 3 no error; bit 5 (paper empty) clear.
PORT_STATUS_OK = bytes.fromhex("18")


def device_descriptor(vendor, product, device_class=0, bcd_device=0x0100, strings=(1, 2, 3)):
    """USB 2.0 §9.6.1, 18 bytes, little-endian; bMaxPacketSize0 64, one configuration."""
    return struct.pack("<BBHBBBBHHHBBBB", 18, 0x01, 0x0200, device_class, 0, 0, 64,
                       vendor, product, bcd_device, *strings, 1)


def config_descriptor(body, interfaces, attributes=0xC0, max_power_2ma=50):
    """USB 2.0 §9.6.3, 9 bytes followed by its interface and endpoint descriptors."""
    return struct.pack("<BBHBBBBB", 9, 0x02, 9 + len(body), interfaces, 1, 0, attributes, max_power_2ma) + body


def interface_descriptor(number, endpoints, cls, subclass, protocol):
    """USB 2.0 §9.6.5, 9 bytes."""
    return struct.pack("<BBBBBBBBB", 9, 0x04, number, 0, endpoints, cls, subclass, protocol, 0)


def endpoint_descriptor(address, attributes, max_packet, interval=0):
    """USB 2.0 §9.6.6, 7 bytes."""
    return struct.pack("<BBBBHB", 7, 0x05, address, attributes, max_packet, interval)


def printer_descriptors():
    body = (interface_descriptor(0, 2, PRINTER_CLASS, PRINTER_SUBCLASS, PRINTER_BIDIRECTIONAL)
            + endpoint_descriptor(EP_OUT, BULK, MAX_PACKET)
            + endpoint_descriptor(EP_IN, BULK, MAX_PACKET))
    return device_descriptor(VENDOR, PRODUCT) + config_descriptor(body, 1)


def hub_descriptors(vendor, product, bcd_device, strings):
    """A USB 2.0 hub: hub class 9, one interrupt IN endpoint for port changes."""
    body = interface_descriptor(0, 1, 0x09, 0, 0) + endpoint_descriptor(0x81, INTERRUPT, 1 if vendor != 0x1D6B else 4, 12)
    return (device_descriptor(vendor, product, device_class=0x09, bcd_device=bcd_device, strings=strings)
            + config_descriptor(body, 1, attributes=0xE0, max_power_2ma=0))


def device_block(path, devnum, vendor, product, bcd_device, device_class, descriptors, speed,
                 serial=None, manufacturer=None, product_name=None, model=None):
    """One usb_device in umockdev's description format (P: path, N: node, E: udev property,
    A: sysfs attribute, H: binary sysfs attribute in hex). libusb reads busnum, devnum, speed,
    bConfigurationValue and the descriptors attribute; the rest is what udev and sysfs show."""
    node = f"bus/usb/001/{devnum:03d}"
    lines = [
        f"P: {path}",
        f"N: {node}",
        f"E: DEVNAME=/dev/{node}",
        "E: DEVTYPE=usb_device",
        "E: DRIVER=usb",
        "E: SUBSYSTEM=usb",
        f"E: PRODUCT={vendor:x}/{product:x}/{bcd_device:x}",
        f"E: TYPE={device_class}/0/{1 if device_class == 9 else 0}",
        "E: BUSNUM=001",
        f"E: DEVNUM={devnum:03d}",
        "E: MAJOR=189",
        f"E: MINOR={devnum - 1}",
        f"E: ID_VENDOR_ID={vendor:04x}",
        f"E: ID_MODEL_ID={product:04x}",
    ]
    if model:
        lines.append(f"E: ID_MODEL={model}")
    if serial:
        lines.append(f"E: ID_SERIAL_SHORT={serial}")
    lines += [
        f"A: idVendor={vendor:04x}",
        f"A: idProduct={product:04x}",
        f"A: bcdDevice={bcd_device:04x}",
        f"A: bDeviceClass={device_class:02x}",
        "A: bConfigurationValue=1",
        "A: bNumConfigurations=1",
        "A: bNumInterfaces= 1",
        "A: bMaxPacketSize0=64",
        "A: busnum=1",
        f"A: devnum={devnum}",
        f"A: devpath={path.rsplit('/', 1)[1].split('-', 1)[1] if '-' in path.rsplit('/', 1)[1] else 0}",
        f"A: speed={speed}",
        "A: version= 2.00",
    ]
    if manufacturer:
        lines.append(f"A: manufacturer={manufacturer}")
    if product_name:
        lines.append(f"A: product={product_name}")
    if serial:
        lines.append(f"A: serial={serial}")
    lines.append("H: descriptors=" + descriptors.hex().upper())
    return "\n".join(lines) + "\n"


def printer_block(port, devnum, serial):
    return device_block(f"{ROOT}/1-1/{port}", devnum, VENDOR, PRODUCT, 0x0100, 0, printer_descriptors(), 12,
                        serial=serial, manufacturer="Printer", product_name="POS-80", model="POS-80")


def parents():
    hub = device_block(f"{ROOT}/1-1", 5, 0x05E3, 0x0608, 0x6060, 9,
                       hub_descriptors(0x05E3, 0x0608, 0x6060, (0, 1, 0)), 480, product_name="USB2.0 Hub")
    root = device_block(ROOT, 1, 0x1D6B, 0x0002, 0x0606, 9, hub_descriptors(0x1D6B, 0x0002, 0x0606, (3, 2, 1)), 480,
                        serial="0000:00:14.0", manufacturer="Linux xhci-hcd", product_name="xHCI Host Controller")
    return [hub, root]


def reap_line(urb_type, endpoint, buffer_length, actual_length, data, status=0, indent=""):
    """One node of umockdev's ioctl tree (usbdevfs_reapurb_write in src/ioctl_tree.c):
    NAME RESULT TYPE ENDPOINT STATUS FLAGS BUFFER_LENGTH ACTUAL_LENGTH ERROR_COUNT DATA-HEX.
    libusb reaps with USBDEVFS_REAPURBNDELAY; nodes named USBDEVFS_REAPURB never match it.
    An indented line is an answer that follows the line above (an IN URB after an OUT URB)."""
    return (f"{indent}USBDEVFS_REAPURBNDELAY 0 {urb_type} {endpoint} {status} 0 "
            f"{buffer_length} {actual_length} 0 {data.hex().upper()}\n")


def printer_ioctl():
    lines = "@DEV /dev/bus/usb/001/002 (usbdevfs)\n"
    # A control transfer replays only as an IN URB (endpoint 0x80): umockdev hands data back for IN
    # endpoints only, copied from the start of the URB buffer, so the node holds the setup packet and
    # then the answer, and actual_length counts both (the kernel would report 1). umockdev does not
    # compare the submitted buffer of an IN URB, so the setup packet is not checked by the replay.
    setup_and_reply = GET_PORT_STATUS_SETUP + PORT_STATUS_OK
    lines += reap_line(URB_CONTROL, 0x80, len(setup_and_reply), len(setup_and_reply), setup_and_reply)
    # The receipt: umockdev compares every byte of an OUT URB with the recording.
    lines += reap_line(URB_BULK, EP_OUT, len(RECEIPT), len(RECEIPT), RECEIPT)
    # The DLE EOT 4 answer: one byte in a 64-byte (one packet) read.
    lines += reap_line(URB_BULK, EP_IN, MAX_PACKET, len(PAPER_OK), PAPER_OK, indent=" ")
    return lines


# URB statuses a device's answer can end with (negative errno, as usbfs reports them) and what
# libusb makes of them (linux_usbfs.c, handle_bulk_completion).
FAILED_REPLIES = {
    "stall": -32,      # EPIPE: LIBUSB_TRANSFER_STALL
    "unplugged": -19,  # ENODEV: LIBUSB_TRANSFER_NO_DEVICE
    "overflow": -75,   # EOVERFLOW: LIBUSB_TRANSFER_OVERFLOW
    "error": -71,      # EPROTO: LIBUSB_TRANSFER_ERROR
}


def failed_reply_ioctl(status):
    """The receipt goes out; the read of the answer ends with `status` and no data."""
    return ("@DEV /dev/bus/usb/001/002 (usbdevfs)\n"
            + reap_line(URB_BULK, EP_OUT, len(RECEIPT), len(RECEIPT), RECEIPT)
            + reap_line(URB_BULK, EP_IN, MAX_PACKET, 0, b"", status=status, indent=" "))


def empty_usbmon_capture():
    """A libpcap file with no packets, link type 220 (DLT_USB_LINUX_MMAPPED, what usbmon captures):
    replayed with `umockdev-run -p SYSFS=no-answer.pcap`, every URB is accepted and never completes,
    so transfers end only by their timeout or by cancellation."""
    return struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 220)


def main():
    (HERE / "printer.umockdev").write_text("\n".join([printer_block("1-1.4", 2, "KX58A0001")] + parents()))
    (HERE / "two-printers.umockdev").write_text(
        "\n".join([printer_block("1-1.4", 2, "KX58A0001"), printer_block("1-1.3", 3, "KX58A0002")] + parents()))
    (HERE / "printer.ioctl").write_text(printer_ioctl())
    (HERE / "no-answer.pcap").write_bytes(empty_usbmon_capture())
    for name, status in FAILED_REPLIES.items():
        (HERE / f"reply-{name}.ioctl").write_text(failed_reply_ioctl(status))
    print("receipt:", RECEIPT.hex(" ").upper())


if __name__ == "__main__":
    main()
