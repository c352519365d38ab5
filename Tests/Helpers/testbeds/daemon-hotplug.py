"""Plug receipt printers in and out of a umockdev testbed while kioskd runs, and watch its API.

Run under the preload, with Debian's Python (which has gi):

    umockdev-wrapper /usr/bin/python3 daemon-hotplug.py KIOSKD [ARGS...]

The script writes a configuration with one receipt printer (`receipt-printer`, profile
escpos/pos80-0416-5011, matched by USB 0416:5011 serial PRN001), starts KIOSKD as its child with
`--config FILE ARGS...` (so it inherits the preload and sees the testbed) and NOTIFY_SOCKET on a
datagram socket of its own, and reads the HTTP address from READY=1. Then, one step at a time, it
changes the testbed and polls GET /api/v1/devices until the step's expectation holds:

    plugged      the printer at port 1-1.4          -> receipt-printer online at 1-1.4
    unplugged    "remove" uevent, then remove_device  -> receipt-printer noDevice
    replugged    the same printer at port 1-1.6     -> receipt-printer online at 1-1.6
    stranger     another printer (PRN999) at 1-1.5  -> listed in discovered, bound to nothing

Each step prints one JSON line with what the API showed (also when the expectation did not come
within STEP_TIMEOUT_S, with "met": false, and then the script stops). Finally it sends SIGTERM and
prints {"step": "exit", "status": N}. Exit status: 0 when every step was met and kioskd exited,
3 when the script gave up. The daemon's stderr goes to the script's stderr. kioskd dies with the
script (PR_SET_PDEATHSIG), and the whole run is cut off after TOTAL_TIMEOUT_S.

`add_from_string` sends the "add" uevent itself; "remove" is sent by hand before `remove_device`.
Each device is removed only after the API showed it, so kioskd has read its sysfs attributes.
"""

import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import gi

gi.require_version("UMockdev", "1.0")
from gi.repository import UMockdev  # noqa: E402

STEP_TIMEOUT_S = 10
TOTAL_TIMEOUT_S = 25
HUB = "/devices/pci0000:00/0000:00:14.0/usb1/1-1"

CONFIGURATION = """kiosk:
  id: hotplug-test
  name: hot-plug test kiosk
  site: test-bench
  address: test bench
  owner: service-centre
  contact: {{name: tester}}
devices:
  - id: receipt-printer
    role: receipt-printer
    profile: escpos/pos80-0416-5011
    match:
      usb: {{vendor: "0416", product: "5011", serial: PRN001}}
api:
  socket: {folder}/kioskd.sock
storage:
  directory: {folder}/state
"""


def printer(port, serial, devnum):
    """A POS-80 printer (0416:5011) as a usb_device at `port`, in umockdev's description format."""
    return f"""P: {HUB}/{port}
N: bus/usb/001/{devnum:03d}
E: DEVNAME=/dev/bus/usb/001/{devnum:03d}
E: DEVTYPE=usb_device
E: SUBSYSTEM=usb
E: DRIVER=usb
E: PRODUCT=416/5011/100
E: BUSNUM=001
E: DEVNUM={devnum:03d}
E: ID_VENDOR_ID=0416
E: ID_MODEL_ID=5011
E: ID_SERIAL_SHORT={serial}
E: ID_USB_INTERFACES=:070102:
A: idVendor=0416
A: idProduct=5011
A: serial={serial}
A: busnum=1
A: devnum={devnum}
"""


class Run:
    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="daemon-hotplug-")
        self.testbed = UMockdev.Testbed.new()
        self.daemon = None
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(os.path.join(self.folder, "notify.sock"))
        self.base_url = None

    def start(self, command):
        path = os.path.join(self.folder, "kiosk.yaml")
        with open(path, "w", encoding="utf-8") as file:
            file.write(CONFIGURATION.format(folder=self.folder))
        # Testbed.new() set UMOCKDEV_DIR in the C environment only; hand it to the child explicitly.
        environment = dict(
            os.environ,
            UMOCKDEV_DIR=self.testbed.get_root_dir(),
            NOTIFY_SOCKET=os.path.join(self.folder, "notify.sock"),
        )
        environment.pop("WATCHDOG_USEC", None)
        libc = ctypes.CDLL(None, use_errno=True)
        self.daemon = subprocess.Popen(
            [command[0], "--config", path] + command[1:],
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=sys.stderr,
            preexec_fn=lambda: libc.prctl(1, signal.SIGKILL),  # PR_SET_PDEATHSIG: die with this script
        )
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.daemon.poll() is not None:
                self.give_up(f"kioskd exited with status {self.daemon.returncode} before READY=1")
            self.notify.settimeout(0.1)
            try:
                message = self.notify.recv(4096).decode()
            except socket.timeout:
                continue
            if message.startswith("READY=1"):
                for field in message.split("\n"):
                    for word in field.split(" "):
                        if word.startswith("http://"):
                            self.base_url = word.rstrip(",;")
                emit(step="ready", url=self.base_url)
                return
        self.give_up("no READY=1 from kioskd")

    def devices(self):
        with urllib.request.urlopen(self.base_url + "/api/v1/devices", timeout=2) as response:
            return json.load(response)

    def observe(self, step, expectation):
        """Polls the API until `expectation(printer, discovered)` holds, then prints what it showed."""
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            listing = self.devices()
            entry = next(d for d in listing["configured"] if d["id"] == "receipt-printer")
            met = expectation(entry, listing["discovered"])
            if met or time.monotonic() > deadline:
                binding = entry.get("binding") or {}
                emit(
                    step=step,
                    met=met,
                    id=entry["id"],
                    state=entry["state"],
                    serial=binding.get("serial"),
                    port=binding.get("port"),
                    devnode=binding.get("devnode"),
                    discovered=[
                        {"serial": d.get("serial"), "syspath": d["syspath"], "profile": d["profile"], "boundTo": d.get("boundTo")}
                        for d in listing["discovered"]
                    ],
                )
                if not met:
                    self.give_up(f"step {step}: the expected state did not come within {STEP_TIMEOUT_S} s")
                return
            time.sleep(0.02)

    def stop(self):
        self.daemon.send_signal(signal.SIGTERM)
        try:
            status = self.daemon.wait(timeout=STEP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.give_up(f"kioskd did not exit within {STEP_TIMEOUT_S} s of SIGTERM")
        emit(step="exit", status=status)

    def give_up(self, message):
        sys.stderr.write(f"daemon-hotplug.py: {message}\n")
        self.clean_up()
        os._exit(3)

    def clean_up(self):
        if self.daemon is not None and self.daemon.poll() is None:
            self.daemon.kill()
            self.daemon.wait()
        self.notify.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def emit(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def bound_at(port):
    # Bound is enough: the device runtime then probes the printer, which answers nothing under umockdev
    # (no ioctl script), so its state is the probe's (offline), not "online".
    return lambda entry, _: entry["state"] != "noDevice" and (entry.get("binding") or {}).get("port") == port


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: daemon-hotplug.py KIOSKD [ARGS...]\n")
        sys.exit(2)
    run = Run()
    signal.signal(signal.SIGALRM, lambda *_: run.give_up(f"the whole run took over {TOTAL_TIMEOUT_S} s"))
    signal.alarm(TOTAL_TIMEOUT_S)

    try:
        run.start(sys.argv[1:])
        run.observe("started", lambda entry, _: entry["state"] == "noDevice")

        run.testbed.add_from_string(printer("1-1.4", "PRN001", 2))  # sends the "add" uevent itself
        run.observe("plugged", bound_at("1-1.4"))

        run.testbed.uevent(f"/sys{HUB}/1-1.4", "remove")
        run.observe("unplugged", lambda entry, _: entry["state"] == "noDevice")
        run.testbed.remove_device(f"/sys{HUB}/1-1.4")

        run.testbed.add_from_string(printer("1-1.6", "PRN001", 3))
        run.observe("replugged", bound_at("1-1.6"))

        run.testbed.add_from_string(printer("1-1.5", "PRN999", 4))
        run.observe("stranger", lambda _, discovered: any(d.get("serial") == "PRN999" for d in discovered))

        run.stop()
    except Exception as error:  # noqa: BLE001 - any failure ends the run with status 3 and a message
        run.give_up(f"{type(error).__name__}: {error}")
    signal.alarm(0)
    run.clean_up()


if __name__ == "__main__":
    main()
