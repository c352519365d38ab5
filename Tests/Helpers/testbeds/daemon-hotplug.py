"""Plug receipt printers in and out of a umockdev testbed while kioskd runs, and watch its API.

Run under the preload, with Debian's Python (which has gi):

    umockdev-wrapper /usr/bin/python3 daemon-hotplug.py KIOSKD [ARGS...]

The script writes a configuration with one receipt printer (`receipt-printer`, profile
escpos/pos80-0416-5011, matched by USB 0416:5011 serial PRN001), starts KIOSKD as its child with
`--config FILE ARGS...` (so it inherits the preload and sees the testbed) and NOTIFY_SOCKET on a
datagram socket of its own, and reads the HTTP address from READY=1. Then, one step at a time, it
changes the testbed and polls GET /api/v1/devices until the step's expectation holds:

    started      no printer                         -> receipt-printer noDevice
    plugged      the printer at port 1-1.4          -> receipt-printer bound at 1-1.4 (not noDevice)
    unplugged    "remove" uevent, then remove_device  -> receipt-printer noDevice
    replugged    the same printer at port 1-1.6     -> receipt-printer bound at 1-1.6 (not noDevice)
    stranger     another printer (PRN999) at 1-1.5  -> listed in discovered, bound to nothing

Bound is enough: the device runtime then probes the printer, which answers nothing under umockdev (no
ioctl script), so its state is the probe's (offline), not "online". Each step prints one JSON line with
what the API showed (receipt-printer's id, state, and binding's serial, port and devnode, and every
discovered device's serial, syspath, profile and boundTo), also when the expectation did not come
within STEP_TIMEOUT_S, with "met": false, and then the script stops. Finally it sends SIGTERM and
prints {"step": "exit", "status": N}. Exit status: 0 when every step was met and kioskd exited,
3 when the script gave up. The daemon's output goes to the script's stderr. kioskd dies with the
script (PR_SET_PDEATHSIG), and the whole run is cut off after TOTAL_TIMEOUT_S.

`add_from_string` sends the "add" uevent itself; "remove" is sent by hand before `remove_device`.
Each device is removed only after the API showed it, so kioskd has read its sysfs attributes.

Starting kioskd, the READY=1 handshake, the polling, the JSON lines, SIGTERM and the timeouts are
testbed_daemon.py's, shared with touch-hotplug.py; this script has the devices and the steps.
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # testbed_daemon.py lies beside this script

import testbed_daemon  # noqa: E402

STEP_TIMEOUT_S = 10
TOTAL_TIMEOUT_S = 25
HUB = "/devices/pci0000:00/0000:00:14.0/usb1/1-1"
DEVICE = "receipt-printer"

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


def show(listing):
    """What one step's JSON line carries besides its name and "met"."""
    entry = testbed_daemon.configured(listing, DEVICE)
    binding = entry.get("binding") or {}
    return {
        "id": entry["id"],
        "state": entry["state"],
        "serial": binding.get("serial"),
        "port": binding.get("port"),
        "devnode": binding.get("devnode"),
        "discovered": [
            {"serial": d.get("serial"), "syspath": d["syspath"], "profile": d["profile"], "boundTo": d.get("boundTo")}
            for d in listing["discovered"]
        ],
    }


def no_device(listing):
    return testbed_daemon.configured(listing, DEVICE)["state"] == "noDevice"


def bound_at(port):
    def expectation(listing):
        entry = testbed_daemon.configured(listing, DEVICE)
        return entry["state"] != "noDevice" and (entry.get("binding") or {}).get("port") == port

    return expectation


def stranger_discovered(listing):
    return any(d.get("serial") == "PRN999" for d in listing["discovered"])


def steps(run):
    run.observe("started", no_device, show)

    run.testbed.add_from_string(printer("1-1.4", "PRN001", 2))  # sends the "add" uevent itself
    run.observe("plugged", bound_at("1-1.4"), show)

    run.testbed.uevent(f"/sys{HUB}/1-1.4", "remove")
    run.observe("unplugged", no_device, show)
    run.testbed.remove_device(f"/sys{HUB}/1-1.4")

    run.testbed.add_from_string(printer("1-1.6", "PRN001", 3))
    run.observe("replugged", bound_at("1-1.6"), show)

    run.testbed.add_from_string(printer("1-1.5", "PRN999", 4))
    run.observe("stranger", stranger_discovered, show)


if __name__ == "__main__":
    testbed_daemon.main(
        "daemon-hotplug.py",
        CONFIGURATION,
        steps,
        step_timeout_s=STEP_TIMEOUT_S,
        total_timeout_s=TOTAL_TIMEOUT_S,
        http_timeout_s=2,
        poll_s=0.02,
    )
