#!/usr/bin/python3
"""Writes the umockdev recordings of a USB-bulk GA 467 ID-card reader used by IDCardUSBReplayTests.swift.

Generated from the formats, not recorded from hardware: the GA 467 frames of PROTOCOLS.md §1 (preamble
AA AA AA 96 69, a big-endian length counting every byte after it, the body, an XOR checksum of every byte
after the preamble but itself), computed here by the same rules as the Swift codec but independently of it,
and umockdev's description and ioctl-tree formats through the helpers of generate.py (imported, not changed:
its own outputs stay as they are). ../README.md ("USB", "GA 467 ID-card reader") says what each file is.
Run with any Python 3 and commit the output next to this script:

    python3 Tests/KioskTransportTests/Recordings/USB/generate_idcard.py

Device: the profile devices/idcard/generic-ga467-usb.yaml (interface 0, bulk OUT 0x02, bulk IN 0x81), with
made-up ids 1209:0467 (the profile names no ids: a kiosk binds it with a `usb:` match), vendor-specific
interface class 0xFF, full speed, 64-byte packets, serial GA467U0001, on port 1-1.6 behind the same hub as
the printer (devnum 4, /dev/bus/usb/001/004).
"""
import pathlib
import struct
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ beside the recordings
sys.path.insert(0, str(HERE))
import generate as usb  # noqa: E402  (descriptor packing, device blocks, hub parents, ioctl lines)

VENDOR, PRODUCT = 0x1209, 0x0467
SERIAL = "GA467U0001"
PORT, DEVNUM = "1-1.6", 4
NODE = f"/dev/bus/usb/001/{DEVNUM:03d}"
INTERFACE, EP_OUT, EP_IN = 0, 0x02, 0x81
VENDOR_CLASS = 0xFF
MAX_PACKET = 64
# IDCardUSBLink.transferSize: every bulk IN transfer asks for 4096 bytes, and umockdev matches an IN URB
# on type, endpoint, flags and buffer length, so every IN line says 4096.
IN_TRANSFER = 4096

PREAMBLE = bytes.fromhex("AAAAAA9669")


def xor(data):
    result = 0
    for byte in data:
        result ^= byte
    return result


def frame(body):
    """Preamble, 2-byte big-endian length (body + checksum), body, XOR of length and body."""
    length = struct.pack(">H", len(body) + 1)
    return PREAMBLE + length + body + bytes([xor(length + body)])


def command(code, parameter):
    return frame(bytes([code, parameter]))


def response(sw3, data=b""):
    return frame(bytes([0x00, 0x00, sw3]) + data)


# Commands (CMD Para).
SAM_STATUS, SAM_ID = command(0x11, 0xFF), command(0x12, 0xFF)
FIND, SELECT = command(0x20, 0x01), command(0x20, 0x02)
READ, ADDRESS = command(0x30, 0x01), command(0x30, 0x03)
assert FIND == bytes.fromhex("AAAAAA96690003200122"), FIND.hex()  # the README's find card frame

# SAM id: bytes 0 and 2 two-digit numbers, then three little-endian 32-bit numbers (date, batch, serial),
# as SAMIdentifier.format reads them: 05.01-20240101-0001234567-0987654321.
SAM_ID_DATA = struct.pack("<BBBBIII", 5, 0, 1, 0, 20240101, 1234567, 987654321)
SAM_ID_TEXT = "05.01-20240101-0001234567-0987654321"


def mod11_2(first17):
    """ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]
    value = (12 - sum(int(d) * w for d, w in zip(first17, weights)) % 11) % 11
    return "X" if value == 10 else str(value)


# The holder: fictional. Region 990102 belongs to no area (like the emulator's cards); the sequence 123 is odd:
# male. Name 周示范 ("Zhou, demonstration").
FIRST17 = "99010219850315123"
ID_NUMBER = FIRST17 + mod11_2(FIRST17)
NAME = "周示范"
MASKED_NAME = NAME[0] + "*" * (len(NAME) - 2) + NAME[-1]
MASKED_ID = ID_NUMBER[:4] + "*" * (len(ID_NUMBER) - 8) + ID_NUMBER[-4:]


def ucs2(text, size):
    """UCS-2 little-endian, padded with spaces (20 00) to `size` bytes."""
    data = text.encode("utf-16-le")
    assert len(data) <= size, text
    return data + b"\x20\x00" * ((size - len(data)) // 2)


def text_block():
    """256 bytes at the offsets of PROTOCOLS.md §1."""
    block = (ucs2(NAME, 30) + ucs2("1", 2) + ucs2("01", 4) + ucs2("19850315", 16)
             + ucs2("测试省示例市虚构区回放路1号", 70) + ucs2(ID_NUMBER, 36) + ucs2("示例市公安局虚构分局", 30)
             + ucs2("20150601", 16) + ucs2("20350601", 16) + ucs2("", 36))
    assert len(block) == 256
    return block


def photo():
    """1024 bytes standing for the WLT photo (kioskd keeps it raw and never decodes it)."""
    return b"WLT" + bytes((i * 7 + 3) % 256 for i in range(1021))


READ_DATA = struct.pack(">HH", 256, 1024) + text_block() + photo()

# Answers.
SAM_READY = response(0x90)
SAM_ID_ANSWER = response(0x90, SAM_ID_DATA)
CARD_FOUND = response(0x9F, bytes(4))
CARD_SELECTED = response(0x90, bytes(8))
CARD_READ = response(0x90, READ_DATA)
NO_APPENDED_ADDRESS = response(0x91)
assert len(CARD_READ) == 1295 and CARD_READ[5:10] == bytes.fromhex("0508000090"), CARD_READ[:16].hex()
assert CARD_READ[14:270] == text_block() and CARD_READ[270:1294] == photo()


def damaged(answer):
    """The answer with its checksum byte inverted: the codec's badChecksum."""
    return answer[:-1] + bytes([answer[-1] ^ 0xFF])


# URB statuses (negative errno, as usbfs reports them); see generate.py's FAILED_REPLIES.
ENODEV = -19


def reader_descriptors():
    body = (usb.interface_descriptor(INTERFACE, 2, VENDOR_CLASS, 0, 0)
            + usb.endpoint_descriptor(EP_OUT, usb.BULK, MAX_PACKET)
            + usb.endpoint_descriptor(EP_IN, usb.BULK, MAX_PACKET))
    return usb.device_descriptor(VENDOR, PRODUCT) + usb.config_descriptor(body, 1)


def reader_block():
    return usb.device_block(f"{usb.ROOT}/1-1/{PORT}", DEVNUM, VENDOR, PRODUCT, 0x0100, 0, reader_descriptors(), 12,
                            serial=SERIAL, manufacturer="Kiosk Test", product_name="GA467 ID Reader",
                            model="GA467_ID_Reader")


def exchange(out, answer, status=0):
    """A command frame out on 0x02 (umockdev compares every byte) and, as its child, the answer read from
    0x81 in one 4096-byte transfer (a short packet ends it, as on a real bus)."""
    return (usb.reap_line(usb.URB_BULK, EP_OUT, len(out), len(out), out)
            + usb.reap_line(usb.URB_BULK, EP_IN, IN_TRANSFER, len(answer), answer, status=status, indent=" "))


def split_exchange(out, answer, at):
    """As `exchange`, but the answer comes in two transfers, cut after `at` bytes: both are children of the
    command's line, in order, so the second answers the IN URB submitted after the first."""
    return (usb.reap_line(usb.URB_BULK, EP_OUT, len(out), len(out), out)
            + usb.reap_line(usb.URB_BULK, EP_IN, IN_TRANSFER, at, answer[:at], indent=" ")
            + usb.reap_line(usb.URB_BULK, EP_IN, IN_TRANSFER, len(answer) - at, answer[at:], indent=" "))


def ioctl(*exchanges):
    """umockdev's ioctl tree for the reader's node. The replay searches from the node after the last one that
    matched and wraps around at the end, so a sequence the reader repeats (a retry from find card) replays
    from the top again."""
    return f"@DEV {NODE} (usbdevfs)\n" + "".join(exchanges)


def main():
    (HERE / "idcard-reader.umockdev").write_text("\n".join([reader_block()] + usb.parents()))
    # The whole GA 467 conversation: SAM status, SAM id, then a card read (find, select, read, appended address).
    (HERE / "idcard.ioctl").write_text(ioctl(
        exchange(SAM_STATUS, SAM_READY), exchange(SAM_ID, SAM_ID_ANSWER),
        exchange(FIND, CARD_FOUND), exchange(SELECT, CARD_SELECTED),
        exchange(READ, CARD_READ), exchange(ADDRESS, NO_APPENDED_ADDRESS)))
    # The same card read, its 1295-byte answer in two transfers (header, lengths and text block; then the photo
    # and the checksum), as a module that writes its answer in parts sends it: the link must join them.
    (HERE / "idcard-split.ioctl").write_text(ioctl(
        exchange(FIND, CARD_FOUND), exchange(SELECT, CARD_SELECTED),
        split_exchange(READ, CARD_READ, 270), exchange(ADDRESS, NO_APPENDED_ADDRESS)))
    # Every read answer arrives with a bad checksum: find, select, read again from the top on every retry.
    (HERE / "idcard-bad-checksum.ioctl").write_text(ioctl(
        exchange(FIND, CARD_FOUND), exchange(SELECT, CARD_SELECTED), exchange(READ, damaged(CARD_READ))))
    # Unplugged: the SAM status command goes out, the read of its answer ends with -ENODEV and no data.
    (HERE / "idcard-unplugged.ioctl").write_text(ioctl(exchange(SAM_STATUS, b"", status=ENODEV)))
    print("holder:", MASKED_NAME, MASKED_ID, "(masked)")
    print("SAM id:", SAM_ID_TEXT)
    print("read answer:", len(CARD_READ), "bytes, checksum", f"{CARD_READ[-1]:02X}")


if __name__ == "__main__":
    main()
