"""Unplug and replug the touch panel of a umockdev testbed while kioskd runs, and watch its API.

Run under the preload, with Debian's Python (which has gi):

    umockdev-wrapper /usr/bin/python3 touch-hotplug.py KIOSKD [ARGS...]

The testbed starts with the kiosk's screen from Tests/Helpers/display/display.umockdev (DRM card0 with a
connected eDP panel that has an EDID, a disconnected HDMI connector, intel_backlight) and no touch panel.
The script writes a configuration with one device, `touch-display` (profile display/generic-touch,
matched by udev ID_INPUT_TOUCHSCREEN=1), starts KIOSKD as its child with `--config FILE ARGS...` (so it
inherits the preload) and NOTIFY_SOCKET on a datagram socket of its own, reads the HTTP address from
READY=1, and then, one step at a time, changes the testbed and polls GET /api/v1/devices until the step's
expectation holds:

    started      no touch panel                        -> touch-display noDevice
    plugged      an ILITEK panel at USB port 1-3       -> online, bound to /dev/input/event9
    probed       POST /api/v1/devices/touch-display/probe -> the report (state, fault, facts)
    unplugged    "remove" uevents, then remove_device  -> noDevice, no binding
    replugged    the same panel at USB port 1-4        -> online, bound to /dev/input/event11
    touched      its node replays a tap (display/tap.events) -> the probe counts one touch

Each step prints one JSON line with what the API showed (with "met": false when the expectation did not
come within STEP_TIMEOUT_S, and then the script stops). Finally it sends SIGTERM and prints
{"step": "exit", "status": N}. Exit status: 0 when every step was met and kioskd exited, 3 when the
script gave up. kioskd dies with the script (PR_SET_PDEATHSIG); the whole run is cut off after
TOTAL_TIMEOUT_S. Same structure as daemon-hotplug.py (the receipt printers' hot-plug).
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

STEP_TIMEOUT_S = 15
TOTAL_TIMEOUT_S = 40
DISPLAY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "display", "display.umockdev")
TAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "display", "tap.events")
HUB = "/devices/pci0000:00/0000:00:14.0/usb1"

CONFIGURATION = """kiosk:
  id: touch-hotplug-test
  name: touch hot-plug test kiosk
  site: test-bench
  address: test bench
  owner: service-centre
  contact: {{name: tester}}
devices:
  - id: touch-display
    role: touch-display
    profile: display/generic-touch
    match:
      udev: {{ID_INPUT_TOUCHSCREEN: "1"}}
api:
  socket: {folder}/kioskd.sock
storage:
  directory: {folder}/state
"""


def panel(port, number, touchscreen=True):
    """An ILITEK touch panel (222a:0001) at USB `port`: input device `input{number}` and its evdev node
    (without ID_INPUT_TOUCHSCREEN when `touchscreen` is false: a node kioskd does not bind yet)."""
    flag = "E: ID_INPUT_TOUCHSCREEN=1\n" if touchscreen else ""
    parent = f"{HUB}/{port}/{port}:1.0/0003:222A:0001.000{number % 10}/input/input{number}"
    text = f"""P: {parent}
E: SUBSYSTEM=input
E: ID_INPUT=1
{flag}E: ID_BUS=usb
E: ID_VENDOR_ID=222a
E: ID_MODEL_ID=0001
A: name=ILITEK ILITEK-TP

P: {parent}/event{number}
N: input/event{number}
E: DEVNAME=/dev/input/event{number}
E: SUBSYSTEM=input
E: MAJOR=13
E: MINOR={64 + number}
E: ID_INPUT=1
{flag}E: ID_BUS=usb
E: ID_VENDOR_ID=222a
E: ID_MODEL_ID=0001
"""
    return text, f"/sys{parent}", f"/sys{parent}/event{number}"


class Run:
    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="touch-hotplug-")
        self.testbed = UMockdev.Testbed.new()
        if not self.testbed.add_from_file(DISPLAY):
            raise RuntimeError(f"cannot load {DISPLAY}")
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

    def entry(self):
        with urllib.request.urlopen(self.base_url + "/api/v1/devices", timeout=5) as response:
            listing = json.load(response)
        return next(d for d in listing["configured"] if d["id"] == "touch-display")

    def observe(self, step, expectation):
        """Polls the API until `expectation(entry)` holds, then prints what it showed."""
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            entry = self.entry()
            met = expectation(entry)
            if met or time.monotonic() > deadline:
                binding = entry.get("binding") or {}
                emit(step=step, met=met, state=entry["state"], detail=entry.get("detail"), devnode=binding.get("devnode"))
                if not met:
                    self.give_up(f"step {step}: the expected state did not come within {STEP_TIMEOUT_S} s")
                return
            time.sleep(0.05)

    def probe(self):
        request = urllib.request.Request(self.base_url + "/api/v1/devices/touch-display/probe", method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            report = json.load(response)
        emit(step="probed", state=report["state"], fault=report.get("fault"), detail=report["detail"], facts=report.get("facts", {}))

    def touched(self):
        """Probes until the report counts the replayed tap on the watched node."""
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while True:
            request = urllib.request.Request(self.base_url + "/api/v1/devices/touch-display/probe", method="POST")
            with urllib.request.urlopen(request, timeout=10) as response:
                facts = json.load(response).get("facts", {})
            met = facts.get("touch.touches") == "1"
            if met or time.monotonic() > deadline:
                emit(step="touched", met=met, facts=facts)
                if not met:
                    self.give_up(f"step touched: no touch counted within {STEP_TIMEOUT_S} s")
                return
            time.sleep(0.1)

    def stop(self):
        self.daemon.send_signal(signal.SIGTERM)
        try:
            status = self.daemon.wait(timeout=STEP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.give_up(f"kioskd did not exit within {STEP_TIMEOUT_S} s of SIGTERM")
        emit(step="exit", status=status)

    def give_up(self, message):
        sys.stderr.write(f"touch-hotplug.py: {message}\n")
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


def online_at(devnode):
    return lambda entry: entry["state"] == "online" and (entry.get("binding") or {}).get("devnode") == devnode


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: touch-hotplug.py KIOSKD [ARGS...]\n")
        sys.exit(2)
    run = Run()
    signal.signal(signal.SIGALRM, lambda *_: run.give_up(f"the whole run took over {TOTAL_TIMEOUT_S} s"))
    signal.alarm(TOTAL_TIMEOUT_S)

    try:
        run.start(sys.argv[1:])
        run.observe("started", lambda entry: entry["state"] == "noDevice")

        text, parent, node = panel("1-3", 9)
        run.testbed.add_from_string(text)  # sends the "add" uevents itself
        run.observe("plugged", online_at("/dev/input/event9"))
        run.probe()

        run.testbed.uevent(node, "remove")
        run.testbed.uevent(parent, "remove")
        run.observe("unplugged", lambda entry: entry["state"] == "noDevice" and not entry.get("binding"))
        run.testbed.remove_device(node)
        run.testbed.remove_device(parent)

        # The replugged panel's node replays a tap (evemu events) to whoever opens it. It is added without
        # ID_INPUT_TOUCHSCREEN first, so that kioskd opens it only after the events are loaded.
        text, parent, node = panel("1-4", 11, touchscreen=False)
        run.testbed.add_from_string(text)
        if not run.testbed.load_evemu_events("/dev/input/event11", TAP):
            raise RuntimeError(f"cannot load {TAP}")
        for path in (parent, node):
            run.testbed.set_property(path, "ID_INPUT_TOUCHSCREEN", "1")
            run.testbed.uevent(path, "change")
        run.observe("replugged", online_at("/dev/input/event11"))
        run.touched()

        run.stop()
    except Exception as error:  # noqa: BLE001 - any failure ends the run with status 3 and a message
        run.give_up(f"{type(error).__name__}: {error}")
    signal.alarm(0)
    run.clean_up()


if __name__ == "__main__":
    main()
