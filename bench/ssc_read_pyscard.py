"""The yardstick of `kiosk-bench ssc-read`: pyscard reads the virtual social-security card with the APDUs kioskd sends.

    /usr/bin/python3 bench/ssc_read_pyscard.py READER_PREFIX ROUNDS APDU_HEX [APDU_HEX ...]

kiosk-bench passes the commands from kioskd's codec (SocialSecurityCommand: select the application, select
EF05, read its records by tag, select EF06, read its records), so both sides send the same APDUs; this script
resolves 61xx with GET RESPONSE and 6Cxx by resending with the corrected Le, as kioskd's APDUExchange does.

Each round: connect (exclusive, T0|T1, like kioskd's session), send every command, check each ends in 9000;
the clock stops before the disconnect (leave the card powered, as kioskd does), which is not timed on
either side. One warm-up round is not measured. Prints one JSON line: {"seconds": [...], "apdus": N}
(APDUs sent per round, follow-ups included). Nothing read from the card is printed.

Needs Debian's python3-pyscard (scripts/apt.d/pcsc.list) and pcscd with a card in the reader.
"""

import json
import sys
import time

from smartcard.scard import SCARD_LEAVE_CARD, SCARD_SHARE_EXCLUSIVE
from smartcard.System import readers


def exchange(connection, command):
    """Sends `command`, following 61xx and 6Cxx like kioskd; returns (data, APDUs sent)."""
    data, sw1, sw2 = connection.transmit(command)
    sent, collected = 1, []
    while True:
        if sw1 == 0x61:
            collected += data
            data, sw1, sw2 = connection.transmit([0x00, 0xC0, 0x00, 0x00, sw2])
        elif sw1 == 0x6C:
            collected = []
            data, sw1, sw2 = connection.transmit(command[:-1] + [sw2])
        else:
            break
        sent += 1
    if (sw1, sw2) != (0x90, 0x00):
        raise SystemExit(f"ssc_read_pyscard.py: {bytes(command[:4]).hex()} ended in {sw1:02X}{sw2:02X}, not 9000")
    return collected + data, sent


def main():
    if len(sys.argv) < 4:
        raise SystemExit(__doc__.splitlines()[2].strip())
    prefix, rounds = sys.argv[1], int(sys.argv[2])
    commands = [list(bytes.fromhex(text)) for text in sys.argv[3:]]
    reader = next((r for r in readers() if str(r).startswith(prefix)), None)
    if reader is None:
        raise SystemExit(f"ssc_read_pyscard.py: no reader named {prefix}… (readers: {[str(r) for r in readers()]})")
    connection = reader.createConnection()
    seconds, apdus = [], 0
    for index in range(rounds + 1):
        start = time.perf_counter()
        connection.connect(mode=SCARD_SHARE_EXCLUSIVE, disposition=SCARD_LEAVE_CARD)
        sent = 0
        for command in commands:
            _, count = exchange(connection, command)
            sent += count
        elapsed = time.perf_counter() - start
        connection.disconnect()
        if index > 0:
            seconds.append(elapsed)
            apdus = sent
    print(json.dumps({"seconds": seconds, "apdus": apdus}))


if __name__ == "__main__":
    main()
