"""kioskd driven in a umockdev testbed: the part shared by daemon-hotplug.py and touch-hotplug.py.

Not a script: each testbed script imports it (from its own folder) and calls `main` with its configuration
and its steps. `main` does, for a script run as

    umockdev-wrapper /usr/bin/python3 SCRIPT KIOSKD [ARGS...]

the following. It makes a umockdev testbed (`Run.testbed`, where the script's `prepare` may load the
initial devices), writes the script's configuration (a format string with `{folder}`, the run's temporary
folder, for the API socket and the state directory) to FOLDER/kiosk.yaml, starts KIOSKD as its child with
`--config FOLDER/kiosk.yaml ARGS...` (so it inherits the preload and sees the testbed; UMOCKDEV_DIR is
handed to it explicitly, WATCHDOG_USEC removed) and NOTIFY_SOCKET on a datagram socket of its own, and
reads the HTTP address from READY=1 (printing {"step": "ready", "url": URL}). Then it runs the script's
`steps(run)`, which change the testbed and wait for the API with `Run.observe` / `Run.wait_for`, each
printing one JSON line per step: {"step": NAME, "met": true|false, ...what the script shows}. A step
whose expectation did not come within the step timeout is printed with "met": false, and the script
stops. Finally it sends SIGTERM and prints {"step": "exit", "status": N}.

Exit status: 0 when every step was met and kioskd exited, 2 for a usage error, 3 when the script gave
up (with a message on stderr; also for any exception in the steps). kioskd's stdout and stderr go to the
script's stderr. kioskd dies with the script (PR_SET_PDEATHSIG), and the whole run is cut off after the
total timeout. The temporary folder is removed at the end.
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

PR_SET_PDEATHSIG = 1


def emit(**fields):
    """Prints one JSON line (the Swift tests read them) and flushes it at once."""
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def configured(listing, device_id):
    """The entry of `device_id` among the configured devices of a GET /api/v1/devices listing."""
    return next(d for d in listing["configured"] if d["id"] == device_id)


class Run:
    """One testbed, one kioskd child, its HTTP API; `name` (the script's file name) prefixes messages."""

    def __init__(self, name, configuration, step_timeout_s, http_timeout_s, poll_s):
        self.name = name
        self.configuration = configuration
        self.step_timeout_s = step_timeout_s
        self.http_timeout_s = http_timeout_s
        self.poll_s = poll_s
        self.folder = tempfile.mkdtemp(prefix=os.path.splitext(name)[0] + "-")
        self.testbed = UMockdev.Testbed.new()
        self.daemon = None
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(os.path.join(self.folder, "notify.sock"))
        self.base_url = None

    def start(self, command):
        """Writes the configuration, starts `command` with `--config FILE`, and waits for READY=1."""
        path = os.path.join(self.folder, "kiosk.yaml")
        with open(path, "w", encoding="utf-8") as file:
            file.write(self.configuration.format(folder=self.folder))
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
            preexec_fn=lambda: libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL),  # die with this script
        )
        deadline = time.monotonic() + self.step_timeout_s
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

    def get(self, path):
        """GET `path` of the API, decoded."""
        with urllib.request.urlopen(self.base_url + path, timeout=self.http_timeout_s) as response:
            return json.load(response)

    def post(self, path, timeout_s=None):
        """POST (no body) to `path` of the API, the answer decoded."""
        request = urllib.request.Request(self.base_url + path, method="POST")
        with urllib.request.urlopen(request, timeout=timeout_s or self.http_timeout_s) as response:
            return json.load(response)

    def devices(self):
        """GET /api/v1/devices: {"configured": [...], "discovered": [...]}."""
        return self.get("/api/v1/devices")

    def wait_for(self, step, fetch, expectation, show, interval_s=None, missing="the expected state did not come"):
        """Calls `fetch()` until `expectation(value)` holds or the step timeout passes, then prints
        {"step": step, "met": ..., **show(value)}; gives up when it was not met. Returns the last value."""
        deadline = time.monotonic() + self.step_timeout_s
        while True:
            value = fetch()
            met = bool(expectation(value))
            if met or time.monotonic() > deadline:
                emit(step=step, met=met, **show(value))
                if not met:
                    self.give_up(f"step {step}: {missing} within {self.step_timeout_s} s")
                return value
            time.sleep(self.poll_s if interval_s is None else interval_s)

    def observe(self, step, expectation, show):
        """`wait_for` on GET /api/v1/devices: `expectation(listing)`, `show(listing)`."""
        return self.wait_for(step, self.devices, expectation, show)

    def stop(self):
        """SIGTERM to kioskd; prints its exit status."""
        self.daemon.send_signal(signal.SIGTERM)
        try:
            status = self.daemon.wait(timeout=self.step_timeout_s)
        except subprocess.TimeoutExpired:
            self.give_up(f"kioskd did not exit within {self.step_timeout_s} s of SIGTERM")
        emit(step="exit", status=status)

    def give_up(self, message):
        """Ends the script at once with status 3 and `message` on stderr (kioskd killed, folder removed)."""
        sys.stderr.write(f"{self.name}: {message}\n")
        self.clean_up()
        os._exit(3)

    def clean_up(self):
        if self.daemon is not None and self.daemon.poll() is None:
            self.daemon.kill()
            self.daemon.wait()
        self.notify.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def main(name, configuration, steps, *, prepare=None, step_timeout_s, total_timeout_s, http_timeout_s, poll_s):
    """The whole run of a testbed script called `name`: see the module's docstring.

    `prepare(testbed)` (optional) sets the testbed up before kioskd starts; `steps(run)` is everything
    between READY=1 and SIGTERM. Timeouts are in seconds; `poll_s` is the pause between two polls."""
    if len(sys.argv) < 2:
        sys.stderr.write(f"usage: {name} KIOSKD [ARGS...]\n")
        sys.exit(2)
    run = Run(name, configuration, step_timeout_s=step_timeout_s, http_timeout_s=http_timeout_s, poll_s=poll_s)
    signal.signal(signal.SIGALRM, lambda *_: run.give_up(f"the whole run took over {total_timeout_s} s"))
    signal.alarm(total_timeout_s)

    try:
        if prepare is not None:
            prepare(run.testbed)
        run.start(sys.argv[1:])
        steps(run)
        run.stop()
    except Exception as error:  # noqa: BLE001 - any failure ends the run with status 3 and a message
        run.give_up(f"{type(error).__name__}: {error}")
    signal.alarm(0)
    run.clean_up()
