"""The virtual social-security card of Tests/Helpers/vicc/ssse_card.py for `kiosk-bench ssc-read`, with quick ACKs.

    /usr/bin/python3 -u bench/ssc_card_quickack.py [--port 35963]

The same card and the same line commands (insert, remove, apdus, quit…) as ssse_card.py, with the two Debian
packaging fixes of launch.sh done here. One change: before each read from vpcd it sets TCP_QUICKACK. vpcd writes a
command as two small segments (length, then bytes); with Nagle on its side and delayed ACKs on this side every APDU
then waits about 40 ms on the loopback, which would swamp what the benchmark compares (kioskd's reader and pyscard,
each paying it equally). A USB CCID reader has no such wait. The card itself is unchanged.
"""

import os
import socket
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHIM = os.path.join(tempfile.gettempdir(), "kioskd-vicc-crypto")
try:
    os.makedirs(SHIM, exist_ok=True)
    os.symlink("/usr/lib/python3/dist-packages/Cryptodome", os.path.join(SHIM, "Crypto"))
except FileExistsError:
    pass
sys.path[:0] = ["/usr/lib/python3/site-packages/virtualsmartcard", SHIM, os.path.join(HERE, "..", "Tests", "Helpers", "vicc")]

import ssse_card  # noqa: E402

receive = ssse_card.Slot.receive


def receive_quickly(sock, count):
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
    return receive(sock, count)


ssse_card.Slot.receive = staticmethod(receive_quickly)

if __name__ == "__main__":
    ssse_card.main()
