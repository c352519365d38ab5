"""Plug, unplug and re-plug a receipt printer in a umockdev testbed while a program watches udev.

Run under the preload, with Debian's Python (which has gi):

    umockdev-wrapper /usr/bin/python3 hotplug.py PROBE udev monitor --subsystem usb --count 3

The program (PROBE and its arguments) is started as a child, so it inherits the preload and sees
the testbed. It must print "ready" once its udev monitor is receiving, then one line per event.

Adding a device to the testbed sends its "add" uevent; removing one does not, so "remove" is sent
before `remove_device`. The script waits for the program's line after each step: the program
reads sysfs attributes on "add", so the device must not go before the program has seen it.

Everything the program prints is relayed to stdout. The exit status is the program's (also when
it ends early), or 3 when this script gave up waiting for it.
"""

import os
import select
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
A: idVendor=0416
A: idProduct=5011
A: serial=PRN001
A: busnum=1
A: devnum=2
"""


def fail(message, child):
    sys.stderr.write(f"hotplug.py: {message}\n")
    child.kill()
    child.wait()
    sys.exit(3)


def relay_line(child):
    """Waits for the child's next line and copies it to stdout."""
    ready, _, _ = select.select([child.stdout], [], [], STEP_TIMEOUT_S)
    if not ready:
        fail(f"no line from the program within {STEP_TIMEOUT_S} s", child)
    line = child.stdout.readline()
    if not line:
        status = child.wait()
        sys.stderr.write(f"hotplug.py: the program ended early (status {status})\n")
        sys.exit(status)
    sys.stdout.write(line)
    sys.stdout.flush()
    return line


def main():
    testbed = UMockdev.Testbed.new()
    # The testbed set UMOCKDEV_DIR in the C environment only; hand it to the child explicitly.
    environment = dict(os.environ, UMOCKDEV_DIR=testbed.get_root_dir())
    child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, env=environment, text=True, bufsize=1)

    if relay_line(child).strip() != "ready":
        fail("the program did not print ready first", child)

    testbed.add_from_string(PRINTER)  # sends the "add" uevent itself
    relay_line(child)

    testbed.uevent(PRINTER_PATH, "remove")
    relay_line(child)
    testbed.remove_device(PRINTER_PATH)

    testbed.add_from_string(PRINTER)  # sends the "add" uevent itself
    relay_line(child)

    deadline = time.monotonic() + STEP_TIMEOUT_S
    while child.poll() is None:
        if time.monotonic() > deadline:
            fail(f"the program did not exit within {STEP_TIMEOUT_S} s", child)
        time.sleep(0.01)
    sys.stdout.write(child.stdout.read())
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
