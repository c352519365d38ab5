"""A virtual social-security card for vsmartcard's vpcd, controlled line by line on stdin.

Run with Debian's Python and the two packaging fixes of shared/RECIPES.md (launch.sh does both):

    PYTHONPATH=/usr/lib/python3/site-packages/virtualsmartcard:<folder with Crypto -> Cryptodome> \
        /usr/bin/python3 ssse_card.py [--port 35963]

It answers the APDUs of shared/PROTOCOLS.md §3 the way a second-generation card does:

    00 A4 04 00 0F <sx1.sh.社会保障>  -> 61 xx (FCI waiting), then 00 C0 00 00 xx -> FCI 90 00
    00 A4 02 00 02 EF 05|EF 06        -> 90 00
    00 B2 <tag> 00 <Le>               -> tag length value 90 00; 6C xx when Le is not the record's size;
                                         6A 83 for a tag the file lacks; 69 82 when the card is "locked"
    anything else                     -> 6D 00 (INS) or 6A 86 (P1 P2)

Commands (one per line; each answered with one line):

    insert            connect to vpcd (the card goes into the reader)      -> "inserted" or "error ..."
    remove            disconnect (the card is taken out)                   -> "removed"
    card ssse         the next insertion is a social-security card         -> "ok"
    card unknown      the next insertion is a card without the application (SELECT -> 6A 82)
    card locked       reads need PSAM authentication (READ RECORD -> 69 82)
    apdus             how many APDUs the card answered since start          -> "apdus N"
    quit

Prints "ready" once the commands are read. The holder's data below is made up.
"""

import argparse
import socket
import struct
import sys
import threading
import time

from virtualsmartcard.VirtualSmartcard import SmartcardOS

APPLICATION = bytes([0x73, 0x78, 0x31, 0x2E, 0x73, 0x68, 0x2E]) + "社会保障".encode("gbk")
ATR = bytes.fromhex("3B6800000073C84013009000")

EF05 = {
    0x01: b"110100D156000005",   # card identification code, region 110100
    0x03: b"3.00",               # specification version
    0x04: b"110100000000",       # issuer
    0x05: bytes.fromhex("20210315"),
    0x06: bytes.fromhex("20310314"),
    0x07: b"S99000001",          # card number: the sandbox citizen zhang (SandboxCitizen)
}
EF06 = {
    0x08: b"110101199003070019",  # social-security number
    0x09: "张三丰".encode("gbk").ljust(30, b" "),
    0x0A: b"1",                   # sex: male (ASCII digit, as many cards store it)
    0x0B: bytes([0x01]),          # nation: 汉
    0x0D: bytes.fromhex("19900307"),
}
FILES = {0xEF05: EF05, 0xEF06: EF06}
FCI = bytes([0x6F, 2 + len(APPLICATION), 0x84, len(APPLICATION)]) + APPLICATION


class SocialSecurityCardOS(SmartcardOS):
    """The card's operating system: one application, two files, records read by tag."""

    def __init__(self, kind):
        self.kind = kind
        self.selected_application = False
        self.selected_file = None
        self.pending = b""
        self.apdus = 0

    def getATR(self):
        return ATR

    def powerUp(self):
        self.reset()

    def powerDown(self):
        self.reset()

    def reset(self):
        self.selected_application = False
        self.selected_file = None
        self.pending = b""

    def execute(self, msg):
        self.apdus += 1
        if len(msg) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = msg[0], msg[1], msg[2], msg[3]
        body = msg[4:]
        data, le = b"", None
        if len(body) == 1:
            le = body[0]
        elif len(body) > 1:
            data = body[1:1 + body[0]]
            if len(body) > 1 + body[0]:
                le = body[1 + body[0]]
        if cla != 0x00:
            return b"\x6E\x00"
        if ins == 0xA4 and p1 == 0x04:
            if self.kind == "unknown" or data != APPLICATION:
                self.selected_application = False
                return b"\x6A\x82"
            self.selected_application = True
            self.selected_file = None
            self.pending = FCI
            return bytes([0x61, len(FCI)])
        if ins == 0xC0:
            if not self.pending:
                return b"\x69\x85"
            answer, self.pending = self.pending[: le or 256], self.pending[le or 256:]
            return answer + (bytes([0x61, len(self.pending)]) if self.pending else b"\x90\x00")
        if ins == 0xA4 and p1 == 0x02:
            file_id = int.from_bytes(data, "big") if len(data) == 2 else None
            if not self.selected_application or file_id not in FILES:
                return b"\x6A\x82"
            self.selected_file = file_id
            return b"\x90\x00"
        if ins == 0xB2:
            if self.selected_file is None:
                return b"\x69\x86"
            if self.kind == "locked":
                return b"\x69\x82"
            value = FILES[self.selected_file].get(p1)
            if value is None or p2 != 0x00:
                return b"\x6A\x83"
            record = bytes([p1, len(value)]) + value
            if le != len(record):
                return bytes([0x6C, len(record)])
            return record + b"\x90\x00"
        return b"\x6D\x00"


class Slot:
    """The card in vpcd's slot: a socket and the thread answering on it."""

    def __init__(self, port):
        self.port = port
        self.kind = "ssse"
        self.sock = None
        self.os = None
        self.apdus = 0

    def insert(self):
        if self.sock is not None:
            return "error already inserted"
        deadline = time.monotonic() + 5
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", self.port), timeout=1)
                break
            except OSError as error:
                if time.monotonic() > deadline:
                    return f"error vpcd not reachable on port {self.port}: {error}"
                time.sleep(0.05)
        sock.settimeout(None)
        self.sock = sock
        self.os = SocialSecurityCardOS(self.kind)
        threading.Thread(target=self.serve, args=(sock, self.os), daemon=True).start()
        return "inserted"

    def remove(self):
        sock, self.sock = self.sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        return "removed"

    def serve(self, sock, card):
        """vpcd's framing: 2-byte big-endian length, then the message; 1-byte messages are control."""
        try:
            while True:
                header = self.receive(sock, 2)
                size = struct.unpack("!H", header)[0]
                message = self.receive(sock, size) if size else b""
                if size == 1:
                    control = message[0]
                    if control in (0, 1, 2):  # off, on, reset
                        card.reset()
                    elif control == 4:  # ATR
                        sock.sendall(struct.pack("!H", len(ATR)) + ATR)
                    continue
                answer = card.execute(message)
                self.apdus += 1
                sock.sendall(struct.pack("!H", len(answer)) + answer)
        except OSError:
            pass
        finally:
            if self.sock is sock:  # vpcd went away (pcscd stopped): the card is out
                self.sock = None
                sock.close()

    @staticmethod
    def receive(sock, count):
        data = b""
        while len(data) < count:
            chunk = sock.recv(count - len(data))
            if not chunk:
                raise OSError("vpcd closed the connection")
            data += chunk
        return data


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=35963)
    arguments = parser.parse_args()
    slot = Slot(arguments.port)
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "insert":
            answer = slot.insert()
        elif words[0] == "remove":
            answer = slot.remove()
        elif words[0] == "card" and len(words) == 2 and words[1] in ("ssse", "unknown", "locked"):
            slot.kind = words[1]
            answer = "ok"
        elif words[0] == "apdus":
            answer = f"apdus {slot.apdus}"
        elif words[0] == "quit":
            slot.remove()
            print("bye", flush=True)
            return
        else:
            answer = f"error unknown command: {line.strip()}"
        print(answer, flush=True)
    slot.remove()


if __name__ == "__main__":
    main()
