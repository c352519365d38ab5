"""Plug a receipt printer in and out of a umockdev testbed, cycle after cycle, for `kiosk-bench hotplug`.

Run under the preload, with Debian's Python (which has gi); `kiosk-bench hotplug` does this:

    umockdev-wrapper /usr/bin/python3 bench/hotplug-testbed.py KIOSK-BENCH hotplug-child --cycles N [--leak-check]

The program (KIOSK-BENCH and its arguments) is started as a child, so it inherits the preload and
sees the testbed. It prints "ready" once its udev monitor receives. Then, for each cycle:

1. the script takes time.monotonic_ns() (CLOCK_MONOTONIC, the clock the child reads) and adds the
   printer with add_from_string, which sends the "add" uevent, then writes "added <t_ns>" to the
   child's stdin;
2. the child, once its device registry reports the printer appeared and its node opened, prints
   "usable <cycle> <latency_ns>";
3. the script sends the "remove" uevent; the child prints "gone <cycle>" once the registry reports
   the printer disappeared; the script then removes the device from the testbed.

The printer is removed only after the child has seen it (the registry reads sysfs on "add"), and
the next one added only after the last is gone from the testbed. Every line of the child is
relayed to stdout. Exit status: the child's, or 3 when the script gave up waiting for it (each
step has STEP_TIMEOUT_S). The child dies with the script (PR_SET_PDEATHSIG).
"""

import ctypes
import os
import select
import signal
import subprocess
import sys
import time

import gi

gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

STEP_TIMEOUT_S = 10

PRINTER_PATH = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.4"
PRINTER = """P: /devices/pci0000:00/0000:00:14.0/usb1/1-1/1-1.4
N: bus/usb/001/002
E: DEVNAME=/dev/bus/usb/001/002
E: DEVTYPE=usb_device
E: SUBSYSTEM=usb
E: DRIVER=usb
E: PRODUCT=416/5011/100
E: BUSNUM=001
E: DEVNUM=002
E: ID_VENDOR_ID=0416
E: ID_MODEL_ID=5011
E: ID_SERIAL_SHORT=PRN001
E: ID_USB_INTERFACES=:070102:
A: idVendor=0416
A: idProduct=5011
A: serial=PRN001
A: busnum=1
A: devnum=2
"""


def fail(message, child):
    sys.stderr.write(f"hotplug-testbed.py: {message}\n")
    child.kill()
    child.wait()
    sys.exit(3)


def expect_line(child, prefix):
    """Waits for the child's next line, relays it, and checks that it starts with `prefix`."""
    ready, _, _ = select.select([child.stdout], [], [], STEP_TIMEOUT_S)
    if not ready:
        fail(f"no \"{prefix}\" line from the program within {STEP_TIMEOUT_S} s", child)
    line = child.stdout.readline()
    if not line:
        status = child.wait()
        sys.stderr.write(f"hotplug-testbed.py: the program ended early (status {status})\n")
        sys.exit(status if status != 0 else 3)
    sys.stdout.write(line)
    if not line.startswith(prefix):
        fail(f"expected a \"{prefix}\" line, got {line.strip()!r}", child)
    return line


def main():
    testbed = UMockdev.Testbed.new()
    # The testbed set UMOCKDEV_DIR in the C environment only; hand it to the child explicitly.
    environment = dict(os.environ, UMOCKDEV_DIR=testbed.get_root_dir())
    libc = ctypes.CDLL(None, use_errno=True)
    child = subprocess.Popen(
        sys.argv[1:],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=environment,
        text=True,
        bufsize=1,
        preexec_fn=lambda: libc.prctl(1, signal.SIGKILL),  # PR_SET_PDEATHSIG: die with this script
    )
    expect_line(child, "ready")
    cycles = int(sys.argv[sys.argv.index("--cycles") + 1]) if "--cycles" in sys.argv else 100

    for _ in range(cycles):
        emitted = time.monotonic_ns()
        testbed.add_from_string(PRINTER)  # sends the "add" uevent itself
        child.stdin.write(f"added {emitted}\n")
        child.stdin.flush()
        expect_line(child, "usable")

        testbed.uevent(PRINTER_PATH, "remove")
        expect_line(child, "gone")
        testbed.remove_device(PRINTER_PATH)
    sys.stdout.flush()
    child.stdin.close()

    deadline = time.monotonic() + STEP_TIMEOUT_S
    while child.poll() is None:
        if time.monotonic() > deadline:
            fail(f"the program did not exit within {STEP_TIMEOUT_S} s", child)
        time.sleep(0.01)
    sys.stdout.write(child.stdout.read())
    sys.stdout.flush()
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
