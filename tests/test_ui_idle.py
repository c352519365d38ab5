"""The idle countdown: after it runs out the UI is back home with nothing of the citizen left: not in
the DOM, not in localStorage or sessionStorage, and kioskd's session is gone. (`?idle=8` shortens the
UI's countdown; kiosk-browser.service opens plain `/`.)"""

import time

from test_ui_flows import HOLDER_MASKED_NAME, READERS, pick_card


def test_idle_timeout_wipes_everything(ui):
    kioskd = ui.kioskd
    ui.open("?idle=8")
    ui.js("localStorage.setItem('probe', 'x'); sessionStorage.setItem('probe', 'x');")
    ui.click('[data-action="language"]')  # some state to wipe as well
    ui.click('.tile[data-service="hrss.enrollment"]')
    ui.wait(lambda: ui.step().get("kind") == "identify", 10, "identify step")
    session = kioskd.current_session()
    assert session is not None
    if not ui.step().get("waiting"):
        ui.click('[data-action="choose-method"][data-method="id-card"]')
    ui.wait(lambda: ui.step().get("waiting") == "id-card", 10, "waiting for the ID card")
    kioskd.present_card(READERS["id-card"], pick_card(kioskd.cards(), "id-card")["id"])
    ui.wait(lambda: ui.step().get("kind") not in (None, "identify"), 20, "past identification")
    # Let the countdown run out (it warns first).
    ui.wait(lambda: ui.find('[data-dialog="idle"]'), 15, "idle warning")
    ui.wait(lambda: ui.screen() == "home" and not ui.find('[data-dialog="idle"]'), 20, "home after the idle timeout")
    kioskd.lift_card("id-reader")
    page = ui.driver.page_source
    assert HOLDER_MASKED_NAME not in page and "**" not in page
    assert ui.storage() == {"local": 0, "session": 0}
    assert ui.js("return document.documentElement.lang;") == "zh-CN"
    assert ui.js("return document.querySelectorAll('#main .step, #overlay *').length;") == 0
    deadline = time.monotonic() + 10
    while kioskd.current_session() is not None and time.monotonic() < deadline:
        time.sleep(0.3)
    assert kioskd.current_session() is None
    gone = kioskd.get(f"/api/v1/sessions/{session['id']}")
    assert gone.status_code == 404 or (gone.json().get("state") != "active" and not gone.json().get("step")), gone.text[:300]
    ui.screenshot("idle-wiped")


def test_dirty_home_returns_to_pristine(ui):
    ui.open("?idle=3")
    ui.click('[data-action="elderly"]')
    ui.one("#search").send_keys("社保")
    ui.wait(lambda: not ui.js("return document.body.classList.contains('elderly');") and ui.js("return document.getElementById('search').value;") == "", 15, "pristine home")
