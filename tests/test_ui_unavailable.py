"""A service that cannot be done now is greyed on home with kioskd's reason, and tapping it explains
why instead of doing nothing: here the emulated receipt printer runs out of paper (the A4 printer is a
real CUPS queue, not an emulator)."""

import time


def unavailable(kioskd):
    return [s for s in kioskd.services() if s.get("available") is False]


def test_out_of_paper_greys_services_with_the_reason(ui):
    kioskd = ui.kioskd
    # Services already unavailable for another reason (no pcscd or cupsd on this machine) stay out of it.
    before = {s["id"] for s in unavailable(kioskd)}
    for device in ("receipt-printer",):
        response = kioskd.printer_condition(device, paperOut=True)
        assert response.status_code < 300, f"{device}: {response.status_code} {response.text[:200]}"
        # The scheduled probe would see it within the profile's 30 s interval; probing now keeps the test short.
        assert kioskd.post(f"/api/v1/devices/{device}/probe").status_code == 200
    deadline = time.monotonic() + 20
    while not [s for s in unavailable(kioskd) if s["id"] not in before] and time.monotonic() < deadline:
        time.sleep(0.5)
    off = [s for s in unavailable(kioskd) if s["id"] not in before]
    assert off, "no service became unavailable with the printers out of paper"
    ui.open()  # the "services" event would redraw it as well
    for service in off:
        tile = ui.one(f'.tile[data-service="{service["id"]}"]')
        assert tile.get_attribute("aria-disabled") == "true"
        assert "unavailable" in tile.get_attribute("class")
        reason = service["reason"]["zh-CN"]
        assert reason and reason in tile.text, (reason, tile.text)
    ui.screenshot("home-paper-out")
    first = off[0]
    ui.click(f'.tile[data-service="{first["id"]}"]')
    dialog = ui.one('[data-dialog="unavailable"]')
    assert first["reason"]["zh-CN"] in dialog.text
    assert ui.screen() == "home"
    ui.screenshot("unavailable-dialog")
    ui.click('[data-action="dialog-ok"]')
    assert kioskd.current_session() is None
    for device in ("receipt-printer",):
        kioskd.printer_condition(device, paperOut=False)
        # The paper is back: the maintainer's probe (POST /devices/{id}/probe) sees it at once, without
        # waiting for the profile's 30 s interval.
        assert kioskd.post(f"/api/v1/devices/{device}/probe").status_code == 200
    deadline = time.monotonic() + 20
    while {s["id"] for s in unavailable(kioskd)} != before and time.monotonic() < deadline:
        time.sleep(0.5)
    assert {s["id"] for s in unavailable(kioskd)} == before, "kioskd still lists services unavailable after the paper came back"
    ui.wait(lambda: {e.get_attribute("data-service") for e in ui.find(".tile.unavailable")} == before, 20, "tiles available again")
