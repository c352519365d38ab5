"""Home: the 21 services of GET /api/v1/services grouped by department as large tiles (icon,
Chinese name, English subtitle), search by name or pinyin initials, elderly mode's fewer tiles."""


def tiles(ui):
    return ui.js(
        "return [...document.querySelectorAll('.tile')].map((t) => ({id: t.dataset.service,"
        " department: t.closest('[data-department]') && t.closest('[data-department]').dataset.department,"
        " name: t.querySelector('.tile-name').innerText, sub: t.querySelector('.tile-sub').innerText,"
        " icon: !!t.querySelector('.tile-icon svg'), w: t.getBoundingClientRect().width, h: t.getBoundingClientRect().height}));"
    )


HALL_ORDER = ["hrss", "mi", "nr", "hpf"]  # 社保, 医保, 不动产, 公积金: the order the UI groups them in


def in_hall_order(services):
    """The services as home shows them: by department in HALL_ORDER, each in kioskd's order."""
    return sorted(services, key=lambda s: HALL_ORDER.index(s["department"]))


def test_home_shows_every_service_by_department(ui):
    services = in_hall_order(ui.kioskd.services())
    assert len(services) == 21
    ui.wait(lambda: len(tiles(ui)) == 21, 10, "21 tiles")
    shown = tiles(ui)
    assert [t["id"] for t in shown] == [s["id"] for s in services]
    for tile, service in zip(shown, services):
        assert tile["department"] == service["department"]
        assert tile["name"] == service["names"]["zh-CN"]
        assert tile["sub"] == service["names"]["en"]
        assert tile["icon"]
        assert tile["w"] >= 200 and tile["h"] >= 96, tile
    headings = ui.js("return [...document.querySelectorAll('.dept-heading')].map((h) => h.innerText);")
    for name in ("社保", "医保", "不动产", "公积金"):
        assert any(name in heading for heading in headings), headings
    ui.screenshot("home-zh")


def test_search_by_pinyin_initials_on_the_letter_keyboard(ui):
    services = ui.kioskd.services()
    target = next(s for s in services if s.get("pinyin"))
    prefix = target["pinyin"][:4]
    ui.click('[data-action="search-keyboard"]')
    for letter in prefix:
        ui.click(f'#letter-keyboard [data-key="{letter.lower()}"]')
    ui.wait(lambda: target["id"] in [t["id"] for t in tiles(ui)], 5, "search result")
    expected = {s["id"] for s in services if prefix in s.get("pinyin", "") or prefix in s["names"]["en"].lower().replace(" ", "")}
    assert {t["id"] for t in tiles(ui)} == expected
    ui.click('[data-action="search-clear"]')
    ui.wait(lambda: len(tiles(ui)) == 21, 5, "all tiles again")


def test_search_by_chinese_name(ui):
    field = ui.one("#search")
    field.send_keys("公积金")
    ui.wait(lambda: tiles(ui) and all(t["id"].startswith("hpf.") for t in tiles(ui)), 5, "housing-fund services")
    assert len(tiles(ui)) == 5
    field.send_keys("贷款")  # "公积金贷款": the loan and its settlement certificate
    ui.wait(lambda: {t["id"] for t in tiles(ui)} == {"hpf.loan", "hpf.loan-settlement-certificate"}, 5, "loan services")
    ui.one("#search").clear()
    ui.js("const s = document.getElementById('search'); s.value = 'zzzz'; s.dispatchEvent(new Event('input'));")
    ui.wait(lambda: "没有找到" in ui.text(), 5, "no result message")


def test_english_home(ui):
    services = in_hall_order(ui.kioskd.services())
    ui.click('[data-action="language"]')
    ui.wait(lambda: ui.js("return document.documentElement.lang;") == "en", 5, "English")
    shown = tiles(ui)
    assert [t["name"] for t in shown] == [s["names"]["en"] for s in services]
    assert [t["sub"] for t in shown] == [s["names"]["zh-CN"] for s in services]
    ui.screenshot("home-en")


def test_elderly_home_shows_one_department_at_a_time(ui):
    ui.click('[data-action="elderly"]')
    ui.wait(lambda: ui.find(".dept-tab"), 5, "department tabs")
    counts = {}
    for tab in ("hrss", "mi", "nr", "hpf"):
        ui.click(f'.dept-tab[data-department="{tab}"]')
        ui.wait(lambda: all(t["department"] == tab for t in tiles(ui)), 5, tab)
        counts[tab] = len(tiles(ui))
        assert counts[tab] <= 6
    assert sum(counts.values()) == 21
    ui.screenshot("home-elderly")
