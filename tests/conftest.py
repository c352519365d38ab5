"""Fixtures for the touch-UI tests: a simulated kioskd and headless Chromium driven by Selenium.

kioskd: `.build/debug/kioskd --simulate --state-dir <tmp> --listen 127.0.0.1:<free port>`, built first
with `swift build --product kioskd` (skip with KIOSKD_NO_BUILD=1), or an already running one given by
KIOSKD_URL (e.g. http://127.0.0.1:8080). Its log goes to test-output/ui/kioskd.log. The one this run started
can be stopped and started again on the same port (`kioskd.stop_daemon()`, `start_daemon()`); with
KIOSKD_URL the tests that need that are skipped.

Chromium: Debian's /usr/lib/chromium/chromium with /usr/bin/chromedriver, headless (shared/RECIPES.md),
a 1080×1920 portrait window like the kiosk's screen. Screenshots go to test-output/ui/.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output" / "ui"
CHROMIUM = "/usr/lib/chromium/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WINDOW = (1080, 1920)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Kioskd:
    """A running kioskd and small helpers for its API (simulation controls included)."""

    def __init__(self, url: str, daemon: DaemonProcess | None = None):
        self.url = url.rstrip("/")
        self.http = requests.Session()
        self.daemon = daemon

    # --- the process (only the one this run started) ------------------------------------------

    def stop_daemon(self) -> None:
        """Stops kioskd gracefully (SIGTERM): every connection to it is lost, and so are its sessions."""
        self.require_daemon().stop()
        self.http.close()
        self.http = requests.Session()

    def start_daemon(self) -> None:
        """Starts kioskd again on the same address and state folder and waits until it answers."""
        self.require_daemon().start()

    def require_daemon(self) -> DaemonProcess:
        if self.daemon is None:
            pytest.skip("KIOSKD_URL names a kioskd this run did not start, so it cannot be stopped and started again")
        return self.daemon

    def get(self, path: str, **kwargs):
        return self.http.get(self.url + path, timeout=10, **kwargs)

    def post(self, path: str, body=None, **kwargs):
        return self.http.post(self.url + path, json=body, timeout=10, **kwargs)

    def put(self, path: str, body=None, **kwargs):
        return self.http.put(self.url + path, json=body, timeout=10, **kwargs)

    def delete(self, path: str, **kwargs):
        return self.http.delete(self.url + path, timeout=10, **kwargs)

    # --- API shortcuts -----------------------------------------------------------------------

    def services(self) -> list[dict]:
        response = self.get("/api/v1/services")
        assert response.status_code == 200, f"GET /api/v1/services: {response.status_code} {response.text[:200]}"
        return response.json()["services"]

    def current_session(self) -> dict | None:
        response = self.get("/api/v1/sessions/current")
        if response.status_code == 404:
            return None
        assert response.status_code == 200, f"GET /api/v1/sessions/current: {response.status_code} {response.text[:200]}"
        return response.json()

    def cancel_current(self) -> None:
        try:
            session = self.current_session()
        except AssertionError:
            return
        if session and session.get("id"):
            self.delete(f"/api/v1/sessions/{session['id']}")

    def cards(self) -> list[dict]:
        response = self.get("/api/v1/simulation/cards")
        assert response.status_code == 200, f"GET /api/v1/simulation/cards: {response.status_code} {response.text[:200]}"
        return response.json()["cards"]

    def present_card(self, device: str, card: str) -> None:
        response = self.post(f"/api/v1/simulation/devices/{device}/card", {"card": card})
        assert response.status_code < 300, f"present {card} on {device}: {response.status_code} {response.text[:200]}"

    def lift_card(self, device: str) -> None:
        self.delete(f"/api/v1/simulation/devices/{device}/card")

    def scan(self, code: str, device: str = "qr-scanner") -> None:
        response = self.post(f"/api/v1/simulation/devices/{device}/scan", {"code": code})
        assert response.status_code < 300, f"scan on {device}: {response.status_code} {response.text[:200]}"

    def printer_condition(self, device: str, **condition) -> requests.Response:
        body = {"paperOut": False, "paperNearEnd": False, "coverOpen": False, "offline": False}
        body.update(condition)
        return self.put(f"/api/v1/simulation/devices/{device}/condition", body)

    def reset_simulation(self) -> None:
        """Best effort between tests: no session, no card on a reader, printers fine."""
        self.cancel_current()
        for device in ("id-reader", "ssc-reader"):
            try:
                self.lift_card(device)
            except requests.RequestException:
                pass
        for device in ("receipt-printer", "a4-printer"):
            try:
                self.printer_condition(device)
            except requests.RequestException:
                pass


def wait_for_health(url: str, process: subprocess.Popen | None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"kioskd exited with {process.returncode}; see {OUTPUT / 'kioskd.log'}")
        try:
            # Any HTTP answer counts (503 "degraded" included), as in kiosk-browser.service.
            requests.get(url + "/api/v1/health", timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError(f"kioskd did not answer {url}/api/v1/health within {seconds} s")


class DaemonProcess:
    """`kioskd --simulate` on a fixed port and state folder, which can be stopped and started again; its
    output goes to test-output/ui/kioskd.log (appended after the first start)."""

    def __init__(self, binary: Path, state: str, port: int):
        self.binary = binary
        self.state = state
        self.url = f"http://127.0.0.1:{port}"
        self.arguments = [str(binary), "--simulate", "--state-dir", state, "--listen", f"127.0.0.1:{port}"]
        self.process: subprocess.Popen | None = None
        self.log = None
        self.starts = 0

    def start(self) -> None:
        assert self.process is None, "kioskd is already running"
        self.log = open(OUTPUT / "kioskd.log", "w" if self.starts == 0 else "a")
        self.starts += 1
        self.process = subprocess.Popen(self.arguments, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)
        wait_for_health(self.url, self.process)

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None
        self.log.close()


@pytest.fixture(scope="session")
def kioskd():
    OUTPUT.mkdir(parents=True, exist_ok=True)
    external = os.environ.get("KIOSKD_URL")
    if external:
        wait_for_health(external.rstrip("/"), None, 10)
        daemon = Kioskd(external)
        yield daemon
        daemon.reset_simulation()
        return
    binary = ROOT / ".build" / "debug" / "kioskd"
    if os.environ.get("KIOSKD_NO_BUILD") != "1":
        swift = shutil.which("swift") or "/opt/swift/usr/bin/swift"
        build = subprocess.run(
            [swift, "build", "--product", "kioskd"], cwd=ROOT, capture_output=True, text=True
        )
        if build.returncode != 0:
            pytest.fail("swift build --product kioskd failed:\n" + build.stdout[-3000:] + build.stderr[-2000:])
    if not binary.exists():
        pytest.fail(f"{binary} is missing; run swift build")
    state = tempfile.mkdtemp(prefix="kioskd-ui-")
    process = DaemonProcess(binary, state, free_port())
    try:
        process.start()
        yield Kioskd(process.url, process)
    finally:
        process.stop()
        shutil.rmtree(state, ignore_errors=True)


def make_driver(profile: str):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--no-sandbox",
        "--headless=new",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        "--force-device-scale-factor=1",
        "--no-first-run",
        "--disable-features=Translate",
        "--lang=zh-CN",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(*WINDOW)
    driver.set_script_timeout(30)
    return driver


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or not Path(CHROMEDRIVER).exists():
        pytest.fail("Chromium is not installed: add scripts/apt.d/ui.list and run scripts/install-deps")
    profile = tempfile.mkdtemp(prefix="kiosk-ui-chromium-")
    driver = make_driver(profile)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def ui(kioskd, browser):
    """The UI on a fresh home screen, the simulation reset."""
    kioskd.reset_simulation()
    helper = UI(browser, kioskd, OUTPUT)
    helper.open()
    yield helper
    kioskd.reset_simulation()


def pytest_configure(config):
    OUTPUT.mkdir(parents=True, exist_ok=True)


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)[:2000]


class UI:
    """The touch UI in Chromium, seen the way a citizen sees it (through data-* hooks of ui/js)."""

    def __init__(self, driver, daemon: Kioskd, output: Path):
        self.driver = driver
        self.kioskd = daemon
        self.output = output

    def open(self, query: str = "") -> None:
        self.driver.get(self.kioskd.url + "/" + query)
        self.wait(lambda: self.screen() == "home", 15, "home screen")

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def find(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def one(self, css: str, seconds: float = 10):
        found = self.wait(lambda: [e for e in self.find(css) if e.is_displayed()], seconds, css)
        return found[0]

    def click(self, css: str, seconds: float = 10) -> None:
        from selenium.common.exceptions import StaleElementReferenceException

        for attempt in range(5):
            try:
                self.one(css, seconds).click()
                return
            except StaleElementReferenceException:
                time.sleep(0.1)
        self.one(css, seconds).click()

    def shown(self, css: str) -> list:
        from selenium.common.exceptions import StaleElementReferenceException

        for attempt in range(10):
            try:
                return [e for e in self.find(css) if e.is_displayed()]
            except StaleElementReferenceException:
                time.sleep(0.05)
        return []

    def wait(self, condition, seconds: float, what: str):
        deadline = time.monotonic() + seconds
        last_error = None
        while time.monotonic() < deadline:
            try:
                value = condition()
                if value:
                    return value
            except Exception as error:  # stale elements while the UI redraws
                last_error = error
            time.sleep(0.1)
        self.screenshot("timeout")
        raise AssertionError(f"timed out after {seconds} s waiting for {what} (screen {self.screen()!r}, {last_error!r}); text: {self.text()[:600]}")

    def screen(self) -> str | None:
        return self.js("const s = document.querySelector('#main > .screen'); return s ? s.dataset.screen : null;")

    def step(self) -> dict:
        return self.js(
            "const s = document.querySelector('#main > .screen');"
            "if (!s) return {};"
            "const w = s.querySelector('[data-waiting]'); const p = s.querySelector('[data-print]'); const pay = s.querySelector('[data-payment]');"
            "return {screen: s.dataset.screen, kind: s.dataset.stepKind || null, id: s.dataset.stepId || null,"
            " waiting: w ? w.dataset.waiting : null, print: p ? p.dataset.print : null, payment: pay ? pay.dataset.payment : null,"
            " pending: document.getElementById('main').classList.contains('pending')};"
        )

    def text(self) -> str:
        return self.js("return document.body.innerText;") or ""

    def screenshot(self, name: str) -> Path:
        path = self.output / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def type_keys(self, value: str) -> None:
        """Presses the on-screen keypad's keys for value."""
        for char in value:
            key = char.upper() if char.isalpha() else char
            wanted = f'.keypad [data-key="{key}"]'
            toggle = '.keypad [data-key="letters"], .keypad [data-key="digits"]'
            self.wait(lambda: self.shown(wanted) or self.shown(toggle), 10, f"keypad key {key}")
            if not self.shown(wanted):
                self.click(toggle)
            self.click(wanted)

    def storage(self) -> dict:
        return self.js("return {local: localStorage.length, session: sessionStorage.length};")

    def touch_targets_too_small(self, minimum: int = 48) -> list[str]:
        return self.js(
            "const min = arguments[0]; const small = [];"
            "for (const e of document.querySelectorAll('button, input, [role=button], a[href]')) {"
            "  const r = e.getBoundingClientRect(); const st = getComputedStyle(e);"
            "  if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || e.closest('[hidden]')) continue;"
            "  if (r.width < min || r.height < min) small.push(`${e.outerHTML.slice(0, 80)} ${Math.round(r.width)}x${Math.round(r.height)}`);"
            "} return small;",
            minimum,
        )

    def contrast_failures(self, ratio: float) -> list[str]:
        """Text whose colour against its effective background is below `ratio`."""
        return self.js(CONTRAST_SCRIPT, ratio)


CONTRAST_SCRIPT = r"""
const wanted = arguments[0];
function parse(c) { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return [0, 0, 0, 0];
  const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; }
function lum([r, g, b]) { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); }
function background(e) { const layers = [];
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) { const c = parse(getComputedStyle(n).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
  let out = [255, 255, 255];
  for (const c of layers.reverse()) out = [0, 1, 2].map((i) => c[i] * c[3] + out[i] * (1 - c[3]));
  return out; }
const failures = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const seen = new Set();
while (walker.nextNode()) {
  const node = walker.currentNode; const e = node.parentElement;
  if (!e || seen.has(e) || !node.textContent.trim()) continue; seen.add(e);
  const r = e.getBoundingClientRect(); const st = getComputedStyle(e);
  if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || e.closest('[hidden], .overlay[hidden]')) continue;
  const fg = parse(st.color); const bg = background(e);
  const a = lum(fg) + 0.05; const b = lum(bg) + 0.05; const ratio = Math.max(a, b) / Math.min(a, b);
  if (ratio + 0.01 < wanted) failures.push(`${ratio.toFixed(2)}:1 "${node.textContent.trim().slice(0, 30)}" (${st.color} on rgb(${bg.map(Math.round)}))`);
}
return failures;
"""
