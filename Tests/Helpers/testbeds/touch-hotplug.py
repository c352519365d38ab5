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

Each step prints one JSON line with what the API showed (touch-display's state, detail and devnode; for
"probed" the report's state, fault, detail and facts, without "met"; for "touched" the facts of the last
probe: it probes until one counts the tap), with "met": false when the expectation did not come within
STEP_TIMEOUT_S, and then the script stops. Finally it sends SIGTERM and prints
{"step": "exit", "status": N}. Exit status: 0 when every step was met and kioskd exited, 3 when the
script gave up (also when display.umockdev or tap.events cannot be loaded). kioskd dies with the script
(PR_SET_PDEATHSIG); the whole run is cut off after TOTAL_TIMEOUT_S.

Starting kioskd, the READY=1 handshake, the polling, the JSON lines, SIGTERM and the timeouts are
testbed_daemon.py's, shared with daemon-hotplug.py (the receipt printers' hot-plug); this script has the
devices and the steps.
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # testbed_daemon.py lies beside this script

import testbed_daemon  # noqa: E402

STEP_TIMEOUT_S = 15
TOTAL_TIMEOUT_S = 40
DISPLAY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "display", "display.umockdev")
TAP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "display", "tap.events")
HUB = "/devices/pci0000:00/0000:00:14.0/usb1"
DEVICE = "touch-display"
PROBE = f"/api/v1/devices/{DEVICE}/probe"

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


def prepare(testbed):
    """The kiosk's screen, before kioskd starts."""
    if not testbed.add_from_file(DISPLAY):
        raise RuntimeError(f"cannot load {DISPLAY}")


def show(listing):
    """What one observed step's JSON line carries besides its name and "met"."""
    entry = testbed_daemon.configured(listing, DEVICE)
    return {"state": entry["state"], "detail": entry.get("detail"), "devnode": (entry.get("binding") or {}).get("devnode")}


def no_device(listing):
    return testbed_daemon.configured(listing, DEVICE)["state"] == "noDevice"


def unbound(listing):
    entry = testbed_daemon.configured(listing, DEVICE)
    return entry["state"] == "noDevice" and not entry.get("binding")


def online_at(devnode):
    def expectation(listing):
        entry = testbed_daemon.configured(listing, DEVICE)
        return entry["state"] == "online" and (entry.get("binding") or {}).get("devnode") == devnode

    return expectation


def steps(run):
    run.observe("started", no_device, show)

    text, parent, node = panel("1-3", 9)
    run.testbed.add_from_string(text)  # sends the "add" uevents itself
    run.observe("plugged", online_at("/dev/input/event9"), show)
    report = run.post(PROBE, timeout_s=10)
    testbed_daemon.emit(
        step="probed", state=report["state"], fault=report.get("fault"), detail=report["detail"], facts=report.get("facts", {})
    )

    run.testbed.uevent(node, "remove")
    run.testbed.uevent(parent, "remove")
    run.observe("unplugged", unbound, show)
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
    run.observe("replugged", online_at("/dev/input/event11"), show)

    # Probes until the report counts the replayed tap on the watched node.
    run.wait_for(
        "touched",
        lambda: run.post(PROBE, timeout_s=10).get("facts", {}),
        lambda facts: facts.get("touch.touches") == "1",
        lambda facts: {"facts": facts},
        interval_s=0.1,
        missing="no touch counted",
    )


if __name__ == "__main__":
    testbed_daemon.main(
        "touch-hotplug.py",
        CONFIGURATION,
        steps,
        prepare=prepare,
        step_timeout_s=STEP_TIMEOUT_S,
        total_timeout_s=TOTAL_TIMEOUT_S,
        http_timeout_s=5,
        poll_s=0.05,
    )
