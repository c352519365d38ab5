"""Robustness: the connection to kioskd really goes, and the UI copes.

- The server closes the events WebSocket (`POST /api/v1/simulation/events/drop`, only under --simulate):
  the UI shows that it is reconnecting, reconnects, and resumes the same session through
  GET /api/v1/sessions/current.
- kioskd itself stops and starts again (its sessions are gone): while it is down a tap gives a plain
  message and a way back; once it is back the UI reconnects, says the visit has ended, shows nothing of
  it any more, and "重新开始" starts the same service afresh.
- A reload (as when kiosk-browser.service restarts Chromium) resumes the active session.

Chromium's CDP offline emulation is not used: it does not close an open WebSocket."""

from test_ui_flows import HOLDER_MASKED_NAME, READERS, pick_card

# Records whether the "reconnecting" indicator ever showed: after a server-side drop the UI is back
# within the first back-off (0.5 s), quicker than polling the page could be sure to see.
WATCH_FOR_OFFLINE = """
window.kioskTestSawOffline = false;
new MutationObserver(() => {
  if (document.querySelector('#connection .offline')) window.kioskTestSawOffline = true;
}).observe(document.getElementById('connection'), {childList: true, subtree: true});
"""


def connected(ui) -> bool:
    return bool(ui.shown("#connection .online"))


def start_identify(ui, service="hrss.enrollment"):
    ui.click(f'.tile[data-service="{service}"]')
    ui.wait(lambda: ui.step().get("kind") == "identify", 10, "identify step")
    return ui.kioskd.current_session()


def identify_with_id_card(ui) -> None:
    if not ui.step().get("waiting"):
        ui.click('[data-action="choose-method"][data-method="id-card"]')
    ui.wait(lambda: ui.step().get("waiting") == "id-card", 10, "waiting for the ID card")
    ui.kioskd.present_card(READERS["id-card"], pick_card(ui.kioskd.cards(), "id-card")["id"])
    ui.wait(lambda: ui.step().get("kind") not in (None, "identify"), 30, "past identification")


def test_dropped_connection_reconnects_and_resumes_the_session(ui):
    # Given a session at its identify step and the events WebSocket open,
    session = start_identify(ui)
    assert session is not None
    ui.wait(lambda: connected(ui), 20, "the events WebSocket open")
    ui.js(WATCH_FOR_OFFLINE)
    # when kioskd closes every events WebSocket,
    dropped = ui.kioskd.post("/api/v1/simulation/events/drop")
    assert dropped.status_code == 200, dropped.text[:300]
    assert dropped.json()["dropped"] >= 1, "the UI had no events WebSocket open"
    # then the UI notices, reconnects, and is still in the same session, which goes on.
    ui.wait(lambda: ui.js("return window.kioskTestSawOffline;"), 15, "the reconnecting indicator")
    ui.wait(lambda: connected(ui), 30, "the UI connected again")
    assert ui.step().get("kind") == "identify"
    assert ui.kioskd.current_session()["id"] == session["id"]
    identify_with_id_card(ui)
    assert ui.kioskd.current_session()["id"] == session["id"]


def test_kioskd_restart_ends_the_visit_plainly_and_starts_afresh(ui):
    kioskd = ui.kioskd
    kioskd.require_daemon()
    # Given a citizen looking at a result with (masked) personal data,
    session = start_identify(ui)
    identify_with_id_card(ui)
    ui.click('[data-action="confirm"]')
    ui.wait(lambda: ui.step().get("kind") == "show", 30, "the result")
    assert HOLDER_MASKED_NAME in ui.driver.page_source, "precondition: the result shows the holder's masked name"
    # when kioskd stops,
    kioskd.stop_daemon()
    try:
        # then the UI says it is reconnecting, and a tap meanwhile gives a plain message and a way home.
        ui.wait(lambda: "正在重新连接" in ui.text(), 20, "the reconnecting indicator")
        ui.click('[data-action="next"]')
        ui.wait(lambda: ui.screen() == "error", 20, "the error screen")
        text = ui.text()
        assert "与服务器的连接中断" in text
        assert ui.shown('[data-action="home"]'), "no way back from the error screen"
        assert "Error" not in text and "HTTP" not in text and "Exception" not in text
        ui.screenshot("offline-error")
    finally:
        # And when it is back (it has forgotten the session),
        kioskd.start_daemon()
    # the UI reconnects, says the visit has ended, and keeps nothing of it on screen;
    ui.wait(lambda: connected(ui), 60, "the UI connected to the restarted kioskd")
    ui.wait(lambda: "本次办理已结束" in ui.text(), 30, "the UI saying the visit has ended")
    page = ui.driver.page_source
    assert HOLDER_MASKED_NAME not in page and "**" not in page
    assert ui.shown('[data-action="home"]'), "no way home after the visit ended"
    ui.screenshot("session-lost")
    # "重新开始" starts the same service afresh.
    ui.click('[data-action="retry"]')
    ui.wait(lambda: ui.step().get("kind") == "identify", 20, "the service started afresh")
    fresh = kioskd.current_session()
    assert fresh is not None and fresh["id"] != session["id"] and fresh["service"] == "hrss.enrollment"


def test_reload_resumes_the_active_session(ui):
    session = start_identify(ui, "mi.account")
    ui.driver.refresh()
    ui.wait(lambda: ui.step().get("kind") == "identify", 15, "the session resumed after a reload")
    assert ui.js("return document.querySelector('#main > .screen').dataset.service;") == "mi.account"
    assert ui.kioskd.current_session()["id"] == session["id"]
    ui.click('[data-action="cancel"]')
    ui.click('[data-action="cancel-yes"]')
    ui.wait(lambda: ui.screen() == "home", 10, "home after quitting")
    assert ui.kioskd.current_session() is None


def test_backend_refusal_is_explained(ui):
    """Starting while another session is active: the UI waits and says so, with a way home."""
    other = ui.kioskd.post("/api/v1/sessions", {"service": "hpf.account", "language": "zh-CN", "elderly": False})
    assert other.status_code == 201, other.text[:300]
    ui.js("location.reload()")
    # A reload resumes the active one (its identify step holds no personal data)…
    ui.wait(lambda: ui.step().get("kind") == "identify", 15, "resumed")
    ui.click('[data-action="cancel"]')
    ui.click('[data-action="cancel-yes"]')
    ui.wait(lambda: ui.screen() == "home", 10, "home")
