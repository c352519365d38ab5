"""Every one of the 21 services, end to end in Chromium: open home, pick the service, identify with
the emulated device (through the simulation API), finish the flow, rate. The result on screen must be
what kioskd's session holds (the sandbox department's answer, masked by kioskd), the holder's full
name and ID number must never reach the page, and each final screen is saved under test-output/ui/."""

from __future__ import annotations

import random
import re
import time

import pytest

# The catalogue of shared/SERVICES.md, in its order.
SERVICES = [
    "hrss.enrollment", "hrss.contributions", "hrss.pension-certification", "hrss.card-status",
    "hrss.resident-pension-payment", "hrss.unemployment-benefit",
    "mi.enrollment", "mi.account", "mi.resident-payment", "mi.cross-region-filing", "mi.reimbursement-progress",
    "nr.ownership-certificate", "nr.registration-progress", "nr.encumbrance", "nr.registration-records",
    "nr.certificate-verification",
    "hpf.account", "hpf.deposit-certificate", "hpf.loan", "hpf.withdrawal", "hpf.loan-settlement-certificate",
]

# The preferred way to identify (the emulated ID card first), and the reader each card goes on.
METHOD_ORDER = ["id-card", "social-security-card", "mi-qr", "case-number"]
READERS = {"id-card": "id-reader", "social-security-card": "ssc-reader"}

# The synthetic citizen of each service (Sources/KioskEmulators/IDCard/IDCardEmulatorCard.swift and the
# sandbox backends): zhang by default; a retiree, a resident-scheme member or a settled loan elsewhere.
CITIZEN = {
    "hrss.pension-certification": "li",
    "hrss.resident-pension-payment": "ouyang",
    "mi.resident-payment": "ouyang",
    "mi.reimbursement-progress": "li",
    "hpf.loan-settlement-certificate": "li",
}
# zhang's name and ID number must never reach the page unmasked.
HOLDER_NAME = "张测试"
HOLDER_MASKED_NAME = "张*试"


def id_number(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]
    return first17 + check


HOLDER_ID_NUMBER = id_number("990101" + "19850312" + "001")


def walk(value):
    """Every (key, value) pair in nested JSON."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item)


def pick_card(cards: list[dict], kind: str, citizen: str = "zhang") -> dict:
    """`citizen`'s card of `kind` (the simulation's citizens share the sandbox backends' data)."""
    of_kind = [card for card in cards if str(card.get("kind", "")).replace("_", "-") == kind] or cards
    for card in of_kind:
        if str(card.get("id", "")).startswith(citizen) or str(card.get("key", "")).startswith(citizen):
            return card
    assert of_kind, f"no simulated card of kind {kind}: {cards}"
    return of_kind[0]


def code_for(cards: list[dict], service: str, pattern: str | None, kind: str) -> str:
    """A value from the simulation's citizens that fits `pattern`: an e-voucher code, a case number
    or a certificate's code. Looks for keys naming it; prefers ones mentioning the service."""
    wanted = {
        "mi-qr": ("voucher", "qr", "code"),
        "case-number": ("case", "certificate", "verification", "receipt", "code"),
    }[kind]
    candidates = []
    for key, value in walk(cards):
        if not isinstance(value, (str, list)):
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str) and any(word in key.lower() for word in wanted):
                candidates.append((key, item))
    regex = re.compile(f"(?:{pattern})$") if pattern else None
    fitting = [(k, v) for k, v in candidates if regex is None or regex.match(v)]
    service_words = service.split(".")[-1].split("-")
    fitting.sort(key=lambda kv: -sum(word in kv[0].lower() for word in service_words))
    assert fitting, f"no {kind} value in GET /api/v1/simulation/cards fits {pattern!r} for {service}; keys seen: {sorted({k for k, _ in candidates})}"
    return fitting[0][1]


def value_for(field: dict) -> str:
    """A value of a form field that fits its pattern and length."""
    pattern = field.get("pattern")
    length = field.get("length")
    kind = field.get("input")
    regex = re.compile(f"(?:{pattern})$") if pattern else None
    ok = lambda v: (regex is None or regex.match(v)) and (not length or len(v) <= length)
    guesses = ["13800138000", "15912345678", "1500", "1500.00", "100", "2000", "12", "6"]
    if length:
        guesses += [("1" * length), ("6" * length), ("2" * length), ("6222" + "0" * (length - 4)) if length > 4 else "1"]
    for guess in guesses:
        if ok(guess) and (kind != "digits" or guess.isdigit()):
            return guess
    rng = random.Random(7)
    for _ in range(20000):
        n = length or rng.randint(1, 20)
        guess = "".join(rng.choice("123456789") for _ in range(n))
        if kind == "amount" and rng.random() < 0.3:
            guess = guess[: max(1, n - 3)] + ".00"
        if ok(guess):
            return guess
    raise AssertionError(f"cannot make a value for field {field}")


class Flow:
    """Drives one service through the UI, acting on each screen once."""

    def __init__(self, ui, service_id: str):
        self.ui = ui
        self.kioskd = ui.kioskd
        self.service = service_id
        self.citizen = CITIZEN.get(service_id, "zhang")
        self.cards = None
        self.presented: list[str] = []
        self.used_card = False
        self.seen_kinds: list[str] = []
        self.result_checked = False
        self.shots = 0

    def card_list(self) -> list[dict]:
        if self.cards is None:
            self.cards = self.kioskd.cards()
        return self.cards

    def holder(self) -> dict | None:
        """The citizen's entry of GET /api/v1/simulation/cards when a card identified them."""
        if not self.used_card:
            return None
        return next((c for c in self.card_list() if str(c.get("id", "")) == self.citizen and c.get("kind") == "id-card"), None)

    def server_step(self) -> dict:
        session = self.kioskd.current_session()
        assert session is not None, "the UI shows a step but kioskd has no active session"
        return session.get("step") or {}

    def run(self, seconds: float = 150) -> None:
        ui = self.ui
        ui.click(f'.tile[data-service="{self.service}"]')
        deadline = time.monotonic() + seconds
        last = None
        while time.monotonic() < deadline:
            state = ui.step()
            if state.get("screen") == "done":
                return self.done()
            if state.get("screen") == "error":
                ui.screenshot(f"{self.service}-error")
                raise AssertionError(f"{self.service}: error screen: {ui.text()[:400]}")
            if state.get("screen") != "step" or state.get("pending") or state == last:
                time.sleep(0.15)
                continue
            last = state
            kind = state["kind"]
            if not self.seen_kinds or self.seen_kinds[-1] != kind:
                self.seen_kinds.append(kind)
            getattr(self, f"on_{kind.replace('-', '_')}", self.on_wait)(state)
        raise AssertionError(f"{self.service}: not finished within {seconds} s; steps seen {self.seen_kinds}; now {ui.step()}: {ui.text()[:300]}")

    # --- steps ----------------------------------------------------------------------------

    def on_identify(self, state: dict) -> None:
        ui = self.ui
        waiting = state.get("waiting")
        if not waiting and ui.find("#case-number"):
            waiting = "case-number"
        if not waiting:
            offered = [e.get_attribute("data-method") for e in ui.find('[data-action="choose-method"]') if e.is_displayed()]
            if not offered:
                return
            method = next(m for m in METHOD_ORDER + offered if m in offered)
            ui.click(f'[data-action="choose-method"][data-method="{method}"]')
            return
        if waiting in READERS:
            device = READERS[waiting]
            if device not in self.presented:
                card = pick_card(self.card_list(), waiting, self.citizen)
                self.kioskd.present_card(device, card["id"])
                self.presented.append(device)
                self.used_card = True
        elif waiting == "mi-qr":
            card = pick_card(self.card_list(), "mi-qr", self.citizen)
            code = card.get("code") or card.get("qr") or code_for(self.card_list(), self.service, None, "mi-qr")
            self.kioskd.scan(code)
        elif waiting == "case-number":
            keypad = self.server_step().get("keypad") or {}
            value = code_for(self.card_list(), self.service, keypad.get("pattern"), "case-number")
            ui.type_keys(value)
            ui.click('[data-action="submit"]')

    def on_consent(self, state: dict) -> None:
        items = [e.text for e in self.ui.find(".consent-items li")]
        step = self.server_step()
        assert len(items) == len(step.get("items", [])), (items, step.get("items"))
        self.ui.click('[data-action="confirm"]')

    def on_choose(self, state: dict) -> None:
        step = self.server_step()
        minimum = step.get("min") or 1
        options = [e for e in self.ui.find('[data-action="option"]') if e.is_displayed()]
        assert options, "a choose step without options"
        if not step.get("multiple"):
            options[0].click()
            return
        for option in options[:minimum]:
            option.click()
        self.ui.click('[data-action="confirm-choice"]')

    def on_form(self, state: dict) -> None:
        ui = self.ui
        for field in self.server_step().get("fields", []):
            name = field["name"]
            if field.get("input") == "text-choice":
                ui.click(f'[data-action="field-option"][data-field="{name}"]')
                continue
            ui.click(f'[data-action="field-focus"][data-field="{name}"]')
            ui.click('.keypad [data-key="clear"]')
            ui.type_keys(value_for(field))
        ui.click('[data-action="submit-form"]')

    def on_pay(self, state: dict) -> None:
        ui = self.ui
        step = self.server_step()
        payment = step.get("payment") or {}
        if payment.get("status", "waiting") == "waiting" and payment.get("qr"):
            svg = ui.one("svg.qr")
            version = int(svg.get_attribute("data-version"))
            size = int(svg.get_attribute("data-size"))
            assert size == 17 + 4 * version and 1 <= version <= 10
            drawn = ui.js("return document.querySelectorAll('svg.qr .qr-modules rect').length;")
            from test_ui_qr import reference  # the reference encoder check

            rows = reference(payment["qr"], version, int(svg.get_attribute("data-mask")))
            assert drawn == sum(row.count("1") for row in rows), "the drawn QR is not the payment's text"
            assert payment.get("amount", "") in ui.text()
            ui.screenshot(f"{self.service}-pay")

    def on_show(self, state: dict) -> None:
        ui = self.ui
        result = self.server_step().get("result") or {}
        shown_rows = ui.js(
            "return [...document.querySelectorAll('.result-row')].map((r) => [r.querySelector('dt').innerText.trim(), r.querySelector('dd').innerText.trim()]);"
        )
        language = "zh-CN"
        expected_rows = [[(row.get("label") or {}).get(language, ""), str(row.get("value", ""))] for row in result.get("rows", [])]
        assert shown_rows == [[label.strip(), value.strip()] for label, value in expected_rows], "the shown result is not kioskd's"
        shown_tables = ui.js(
            "return [...document.querySelectorAll('table.result-table tbody')].map((b) => [...b.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));"
        )
        for index, table in enumerate(result.get("tables", [])):
            rows = [[str(cell) for cell in row] for row in table.get("rows", [])]
            if rows:
                assert shown_tables[index] == rows, f"table {index} differs"
        # Against the simulation's citizen (the sandbox backends share it): the holder's masked name
        # and ID number, where the result shows them.
        holder = self.holder()
        for label, value in expected_rows:
            if label in ("姓名", "Name") or label.endswith("姓名"):
                assert "*" in value, f"kioskd sent an unmasked name: {value}"
                if holder and holder.get("name"):
                    assert value == holder["name"], (label, value, holder["name"])
            if "身份证" in label or "证件号" in label:
                assert "*" in value, f"kioskd sent an unmasked ID number: {value}"
                if holder and holder.get("idNumber"):
                    assert value == holder["idNumber"], (label, value, holder["idNumber"])
        ui.screenshot(f"{self.service}-result")
        self.result_checked = True
        ui.click('[data-action="next"]')

    def on_print(self, state: dict) -> None:
        status = state.get("print")
        if status == "done":
            self.ui.screenshot(f"{self.service}-print")
            self.ui.click('[data-action="next"]')
        elif status == "failed":
            raise AssertionError(f"{self.service}: printing failed: {self.ui.text()[:300]}")

    def on_rate(self, state: dict) -> None:
        labels = [e.text for e in self.ui.find('[data-action="rate"]')]
        assert len(labels) == 5 and "非常满意" in labels[0] and "非常不满意" in labels[-1], labels
        self.ui.click('[data-action="rate"][data-level="5"]')

    def on_wait(self, state: dict) -> None:
        pass  # query / submit: kioskd moves on by itself

    def done(self) -> None:
        ui = self.ui
        text = ui.text()
        assert "感谢" in text
        if self.used_card:
            assert "请取走您的卡片" in text
        ui.screenshot(f"{self.service}-done")
        for device in self.presented:
            self.kioskd.lift_card(device)
        assert self.result_checked, f"{self.service}: no result screen (steps seen {self.seen_kinds})"
        assert "rate" in self.seen_kinds


@pytest.mark.parametrize("service", SERVICES)
def test_service_end_to_end(ui, service):
    flow = Flow(ui, service)
    flow.run()
    page = ui.driver.page_source
    assert HOLDER_NAME not in page and HOLDER_ID_NUMBER not in page, "unmasked personal data reached the page"
    assert ui.storage() == {"local": 0, "session": 0}
    assert ui.kioskd.current_session() is None, "the session is still active after rating"
