"""Accessibility of the touch UI with axe-core (axe-selenium-python) on home, a flow screen and a
result screen, in Chinese, English and elderly mode: no serious or critical violations; touch
targets at least 48×48 CSS px; text contrast at least 4.5:1, and 7:1 in elderly mode."""

import json

import pytest
from axe_selenium_python import Axe

from test_ui_flows import Flow


def audit(ui, name: str, elderly: bool) -> None:
    axe = Axe(ui.driver)
    axe.inject()
    results = axe.run(options=json.dumps({"resultTypes": ["violations"]}))
    blocking = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    (ui.output / f"axe-{name}.json").write_text(json.dumps(results["violations"], ensure_ascii=False, indent=1))
    assert blocking == [], axe.report(blocking)
    assert ui.touch_targets_too_small(48) == []
    assert ui.contrast_failures(7.0 if elderly else 4.5) == []


def set_mode(ui, language: str, elderly: bool) -> None:
    if language == "en":
        ui.click('[data-action="language"]')
        ui.wait(lambda: ui.js("return document.documentElement.lang;") == "en", 5, "English")
    if elderly:
        ui.click('[data-action="elderly"]')
        ui.wait(lambda: ui.js("return document.body.classList.contains('elderly');"), 5, "elderly mode")


MODES = [("zh-CN", False), ("en", False), ("zh-CN", True)]


@pytest.mark.parametrize("language,elderly", MODES, ids=["zh", "en", "elderly"])
def test_home_is_accessible(ui, language, elderly):
    set_mode(ui, language, elderly)
    ui.wait(lambda: ui.find(".tile"), 10, "tiles")
    audit(ui, f"home-{language}{'-elderly' if elderly else ''}", elderly)


class ToResult(Flow):
    """Runs a flow up to the identify prompt and then to the result screen, auditing both."""

    def __init__(self, ui, service, name, elderly):
        super().__init__(ui, service)
        self.name = name
        self.elderly = elderly
        self.audited_identify = False

    def on_identify(self, state):
        if state.get("waiting") and not self.audited_identify:
            self.audited_identify = True
            audit(self.ui, f"identify-{self.name}", self.elderly)
        super().on_identify(state)

    def on_show(self, state):
        audit(self.ui, f"result-{self.name}", self.elderly)
        self.ui.screenshot(f"a11y-result-{self.name}")
        raise StopIteration


@pytest.mark.parametrize("language,elderly", MODES, ids=["zh", "en", "elderly"])
def test_flow_and_result_screens_are_accessible(ui, language, elderly):
    set_mode(ui, language, elderly)
    flow = ToResult(ui, "hrss.enrollment", f"{language}{'-elderly' if elderly else ''}", elderly)
    with pytest.raises(StopIteration):
        flow.run(90)
    assert flow.audited_identify
