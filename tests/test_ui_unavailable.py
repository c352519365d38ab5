"""A service that cannot be done now is greyed on home with kioskd's reason, and tapping it explains
why instead of doing nothing: here the emulated receipt printer runs out of paper."""

import time


def unavailable(kioskd):
    return [s for s in kioskd.services() if s.get("available") is False]


def test_out_of_paper_greys_services_with_the_reason(ui):
    kioskd = ui.kioskd
    for device in ("receipt-printer", "a4-printer"):
        response = kioskd.printer_condition(device, paperOut=True)
        assert response.status_code < 300, f"{device}: {response.status_code} {response.text[:200]}"
    deadline = time.monotonic() + 20
    while not unavailable(kioskd) and time.monotonic() < deadline:
        time.sleep(0.5)
    off = unavailable(kioskd)
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
    for device in ("receipt-printer", "a4-printer"):
        kioskd.printer_condition(device, paperOut=False)
    deadline = time.monotonic() + 20
    while unavailable(kioskd) and time.monotonic() < deadline:
        time.sleep(0.5)
    ui.wait(lambda: not ui.find(".tile.unavailable"), 20, "tiles available again")
