#!/usr/bin/python3
"""Plugs the receipt printer of a umockdev description into a testbed and pulls it out again while a
program listens for libusb hot-plug events. Run under the preload, with Debian's Python (it has gi):

    umockdev-wrapper /usr/bin/python3 hotplug.py DEVICE.umockdev PROBE usb hotplug --count 2 …

DEVICE.umockdev is the printer followed by its parents (as generate.py writes it): the parents are
in the testbed before the program starts, the printer comes and goes. The program is started as a
child, so it inherits the preload and sees the testbed; it must print "ready" once it listens, then
one line per event.

Adding a device to the testbed sends its "add" uevent; removing one does not, so "remove" is sent
before `remove_device`. Everything the program prints is relayed to stdout; the exit status is the
program's, or 3 when this script gave up waiting for it.
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
    description, program = sys.argv[1], sys.argv[2:]
    with open(description) as file:
        blocks = [block.strip() + "\n" for block in file.read().split("\n\n") if block.strip()]
    printer, parents = blocks[0], blocks[1:]
    printer_path = "/sys" + printer.splitlines()[0].removeprefix("P: ")

    testbed = UMockdev.Testbed.new()
    for parent in reversed(parents):  # the root hub first
        testbed.add_from_string(parent)
    # The testbed set UMOCKDEV_DIR in the C environment only; hand it to the child explicitly.
    environment = dict(os.environ, UMOCKDEV_DIR=testbed.get_root_dir())
    child = subprocess.Popen(program, stdout=subprocess.PIPE, env=environment, text=True, bufsize=1)

    if relay_line(child).strip() != "ready":
        fail("the program did not print ready first", child)

    testbed.add_from_string(printer)  # sends the "add" uevent itself
    relay_line(child)

    testbed.uevent(printer_path, "remove")
    relay_line(child)
    testbed.remove_device(printer_path)

    deadline = time.monotonic() + STEP_TIMEOUT_S
    while child.poll() is None:
        if time.monotonic() > deadline:
            fail(f"the program did not exit within {STEP_TIMEOUT_S} s", child)
        time.sleep(0.01)
    sys.stdout.write(child.stdout.read())
    sys.exit(child.returncode)


if __name__ == "__main__":
    main()
