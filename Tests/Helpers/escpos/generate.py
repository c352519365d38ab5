#!/usr/bin/python3
"""Writes the umockdev ioctl recordings that ESCPOSUSBReplayTests replays against kioskd's ESC/POS
driver over libusb (`kiosk-bench receipt usb-print` under umockdev-run).

Not recorded: no printer was at hand. The bytes are computed here from the ESC/POS reference
(Epson ESC/POS command reference; shared PROTOCOLS.md §2), independently of kioskd's encoder, so the
replay passes only if kioskd sends exactly these bytes. The device description is the USB
colleague's Tests/KioskTransportTests/Recordings/USB/printer.umockdev (0416:5011 on port 1-1.4,
bulk OUT 0x01, bulk IN 0x82, 64-byte packets, /dev/bus/usb/001/002). Run with any Python 3 and commit
the output next to this script:

    python3 Tests/Helpers/escpos/generate.py

The ioctl lines (umockdev src/ioctl_tree.c) read
`USBDEVFS_REAPURBNDELAY RESULT TYPE ENDPOINT STATUS FLAGS BUFFER_LENGTH ACTUAL_LENGTH ERROR_COUNT HEX`:
type 2 control, 3 bulk; endpoint in decimal (130 = 0x82); a line indented by one space is the answer
that follows the line above. umockdev compares every byte of an OUT URB; an IN URB matches on type,
endpoint, flags and buffer length (kioskd reads whole 64-byte packets).
"""
import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent

URB_CONTROL, URB_BULK = 2, 3
EP_OUT, EP_IN, PACKET = 0x01, 0x82, 64

ESC, GS, FS, DLE, EOT, LF = 0x1B, 0x1D, 0x1C, 0x10, 0x04, 0x0A


def qr(fn, parameters):
    """GS ( k pL pH cn=0x31 fn parameters; pL pH count cn, fn and the parameters."""
    return bytes([GS, 0x28, 0x6B]) + struct.pack("<H", len(parameters) + 2) + bytes([0x31, fn]) + parameters


# The receipt of `kiosk-bench receipt usb-print` (ReceiptBenchmark.USBPrint.receipt), 80 mm paper:
#   .text("缴费成功", double size, bold, centred), .text("Kiosk 07"), .separator("-"),
#   .qrCode("https://zw.example.gov.cn/r/7Q2K", module 6, level M, centred), .cut(.feedToCutter)
QR_PAYLOAD = b"https://zw.example.gov.cn/r/7Q2K"
RECEIPT = (
    bytes([ESC, 0x40]) + bytes([FS, 0x26])                         # initialise, Chinese mode on
    + bytes([GS, 0x21, 0x11, ESC, 0x45, 1, ESC, 0x61, 1])            # double size, bold, centred
    + "缴费成功".encode("gb18030") + bytes([LF])
    + bytes([GS, 0x21, 0x00, ESC, 0x45, 0, ESC, 0x61, 0])            # back to normal, left
    + b"Kiosk 07" + bytes([LF])
    + b"-" * 48 + bytes([LF])                                      # 48 columns on 80 mm
    + bytes([ESC, 0x61, 1])                                        # centred QR code
    + qr(0x41, bytes([0x32, 0x00]))                                # model 2
    + qr(0x43, bytes([6]))                                         # module size 6
    + qr(0x45, bytes([0x31]))                                      # error correction M
    + qr(0x50, b"\x30" + QR_PAYLOAD)                               # store
    + qr(0x51, b"\x30")                                            # print
    + bytes([GS, 0x56, 66, 0])                                     # feed to the cutter, partial cut
    + bytes([FS, 0x2E])                                            # Chinese mode off
)
STATUS_REQUEST = bytes([DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 3, DLE, EOT, 4])
CONFIRMATION_REQUEST = bytes([GS, 0x72, 1])                        # GS r 1, answered once printed

# GET_PORT_STATUS (bmRequestType 0xA1, bRequest 1, wIndex interface 0, wLength 1) and its answer 0x18
# (selected, no error, paper present): as in the USB colleague's generate.py, the node holds the setup
# packet and the answer with ACTUAL_LENGTH 9, since umockdev copies IN data from the buffer's start.
PORT_STATUS = struct.pack("<BBHHH", 0xA1, 0x01, 0, 0, 1) + bytes([0x18])

HEALTHY = bytes([0x12, 0x12, 0x12, 0x12])
# Out of paper: DLE EOT 1 offline (0x1A), 2 stopped by paper end (0x32), 3 no error, 4 near end + end (0x7E).
PAPER_OUT = bytes([0x1A, 0x32, 0x12, 0x7E])


def line(urb_type, endpoint, buffer_length, data, indent=""):
    return (f"{indent}USBDEVFS_REAPURBNDELAY 0 {urb_type} {endpoint} 0 0 "
            f"{buffer_length} {len(data)} 0 {data.hex().upper()}\n")


def conversation(status_before, after=None):
    """GET_PORT_STATUS; DLE EOT 1-4 and its answers; then, if the printer can print, the job with
    GS r 1 and DLE EOT 1-4, answered by the paper sensor byte and four status bytes."""
    text = "@DEV /dev/bus/usb/001/002 (usbdevfs)\n"
    text += line(URB_CONTROL, 0x80, len(PORT_STATUS), PORT_STATUS)
    text += line(URB_BULK, EP_OUT, len(STATUS_REQUEST), STATUS_REQUEST)
    text += line(URB_BULK, EP_IN, PACKET, status_before, indent=" ")
    if after is not None:
        job = RECEIPT + CONFIRMATION_REQUEST + STATUS_REQUEST
        text += line(URB_BULK, EP_OUT, len(job), job)
        text += line(URB_BULK, EP_IN, PACKET, after, indent=" ")
    return text


def main():
    (HERE / "receipt-printed.ioctl").write_text(conversation(HEALTHY, after=bytes([0x00]) + HEALTHY))
    # Paper out: refused after the status request; a job OUT would match nothing and fail the replay.
    (HERE / "receipt-paper-out.ioctl").write_text(conversation(PAPER_OUT))
    # The paper runs out while the job prints: no GS r answer, DLE EOT says paper end.
    (HERE / "receipt-interrupted.ioctl").write_text(conversation(HEALTHY, after=PAPER_OUT))
    print("receipt:", RECEIPT.hex().upper())


if __name__ == "__main__":
    main()
