"""The page shell in Chromium: loads under its CSP without errors, locks the kiosk down (no text
selection, no context menu, no zoom, no history navigation), stores nothing, switches language and
elderly mode. Needs only the static route, not the sessions API."""

import json


def csp_violations(ui):
    return ui.js("return window.__cspViolations || [];")


def test_page_loads_under_csp_without_script_errors(ui):
    ui.js("window.__cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));")
    ui.open()
    ui.click('[data-action="language"]')
    ui.click('[data-action="elderly"]')
    logs = ui.driver.get_log("browser")
    errors = [
        entry["message"] for entry in logs
        if entry["level"] == "SEVERE" and "Failed to load resource" not in entry["message"] and "WebSocket" not in entry["message"]
    ]
    assert errors == [], errors
    assert not any("Content Security Policy" in entry["message"] for entry in logs), logs
    # Every resource came from kioskd itself.
    origins = ui.js("return performance.getEntriesByType('resource').map((e) => new URL(e.name).origin);")
    assert set(origins) <= {ui.kioskd.url}, origins


def test_no_selection_no_context_menu_no_zoom(ui):
    assert ui.js("return getComputedStyle(document.body).userSelect;") == "none"
    # Pinch zoom is off through touch-action (pan-y leaves out pinch-zoom) on the page and on buttons.
    assert ui.js("return getComputedStyle(document.body).touchAction;") == "pan-y"
    assert ui.js("return getComputedStyle(document.querySelector('button')).touchAction;") == "manipulation"
    prevented = ui.js(
        "const r = {};"
        "for (const [name, make] of Object.entries({"
        "  contextmenu: () => new MouseEvent('contextmenu', {bubbles: true, cancelable: true}),"
        "  zoomKey: () => new KeyboardEvent('keydown', {key: '+', ctrlKey: true, bubbles: true, cancelable: true}),"
        "  wheelZoom: () => new WheelEvent('wheel', {deltaY: -100, ctrlKey: true, bubbles: true, cancelable: true}),"
        "  historyBack: () => new KeyboardEvent('keydown', {key: 'ArrowLeft', altKey: true, bubbles: true, cancelable: true}),"
        "  dragstart: () => new DragEvent('dragstart', {bubbles: true, cancelable: true}),"
        "})) { const e = make(); document.querySelector('#main').dispatchEvent(e); r[name] = e.defaultPrevented; }"
        "return r;"
    )
    assert all(prevented.values()), prevented


def test_history_back_stays_in_the_app(ui):
    ui.driver.back()
    assert ui.driver.current_url.startswith(ui.kioskd.url)
    ui.wait(lambda: ui.screen() == "home", 5, "home after history back")


def test_language_switch_and_elderly_mode(ui):
    assert ui.js("return document.documentElement.lang;") == "zh-CN"
    base = ui.js("return parseFloat(getComputedStyle(document.body).fontSize);")
    ui.click('[data-action="language"]')
    ui.wait(lambda: ui.js("return document.documentElement.lang;") == "en", 5, "English")
    assert "Choose a service" in ui.text()
    assert ui.one('[data-action="language"]').text == "中文"
    ui.click('[data-action="elderly"]')
    ui.wait(lambda: ui.js("return document.body.classList.contains('elderly');"), 5, "elderly mode")
    larger = ui.js("return parseFloat(getComputedStyle(document.body).fontSize);")
    assert larger >= base * 1.3, (base, larger)
    assert ui.one('[data-action="elderly"]').get_attribute("aria-pressed") == "true"
    ui.click('[data-action="language"]')
    ui.wait(lambda: ui.js("return document.documentElement.lang;") == "zh-CN", 5, "Chinese")
    assert ui.storage() == {"local": 0, "session": 0}
    assert ui.js("return document.cookie;") == ""
