"""kioskd serves the touch UI (ui/) at `/`: MIME types, caching, a CSP without external origins,
the index.html fallback for app addresses, 404 for missing files, and the API left alone."""

import re
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parent.parent / "ui"
TYPES = {".html": "text/html", ".css": "text/css", ".js": "text/javascript"}


def ui_files():
    return sorted(p.relative_to(UI).as_posix() for p in UI.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_root_is_the_app_with_a_strict_policy(kioskd):
    response = kioskd.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "<main" in response.text and "/js/app.js" in response.text
    policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    # No external origin anywhere, no inline script or eval.
    assert not re.search(r"https?:|wss?:|\*|unsafe-", policy), policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "no-cache" in response.headers["Cache-Control"]
    assert response.headers.get("ETag")


@pytest.mark.parametrize("path", ui_files())
def test_every_ui_file_is_served_with_its_type(kioskd, path):
    response = kioskd.get("/" + path)
    assert response.status_code == 200, path
    assert response.content == (UI / path).read_bytes()
    expected = TYPES[Path(path).suffix]
    assert response.headers["Content-Type"].startswith(expected), response.headers["Content-Type"]
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Content-Security-Policy" in response.headers


def test_unchanged_file_answers_304(kioskd):
    first = kioskd.get("/js/app.js")
    again = kioskd.get("/js/app.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_head_has_headers_and_no_body(kioskd):
    response = kioskd.http.head(kioskd.url + "/css/app.css", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert int(response.headers["Content-Length"]) == (UI / "css/app.css").stat().st_size
    assert response.content == b""


def test_app_addresses_fall_back_to_index(kioskd):
    response = kioskd.get("/session/resume")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.content == (UI / "index.html").read_bytes()


def test_missing_file_is_404_not_index(kioskd):
    response = kioskd.get("/js/missing.js")
    assert response.status_code == 404


def test_traversal_cannot_leave_the_ui_folder(kioskd):
    for path in ("/../Package.swift", "/%2e%2e/Package.swift", "/js/../../Package.swift", "/..%2fPackage.swift"):
        response = kioskd.get(path)
        assert b"swift-tools-version" not in response.content, path


def test_api_paths_are_not_the_ui(kioskd):
    response = kioskd.get("/api/v1/no-such-resource")
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/problem+json")
    health = kioskd.get("/api/v1/health")
    assert health.headers["Content-Type"].startswith("application/json")
    assert kioskd.get("/metrics").headers["Content-Type"].startswith("text/plain")


def test_index_references_only_served_local_files(kioskd):
    html = kioskd.get("/").text
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert references
    for reference in references:
        if reference.startswith("data:"):
            continue
        assert reference.startswith("/") and not reference.startswith("//"), reference
        assert kioskd.get(reference).status_code == 200, reference
