"""The UI's QR encoder (ui/js/qr.js) against the reference encoder `qrcode` (PyPI): byte mode,
level M, versions 1–10, every mask, module by module; and the drawn SVG's module count."""

import qrcode
from qrcode.util import MODE_8BIT_BYTE, QRData

TEXTS = [
    "HELLO",
    "https://pay.example.invalid/q/3f0c9a1b2c3d4e5f",
    "证明编号 NR-2024-000123 校验码 7F3A",
    "x" * 42,   # version 3
    "y" * 106,  # version 6
    "支付" * 20,  # 120 bytes of UTF-8: version 7 (version information blocks)
    "z" * 180,  # version 9
    "w" * 213,  # the most version 10 holds at level M
]

ENCODE = """
const done = arguments[arguments.length - 1];
import('/js/qr.js').then((qr) => {
  const out = [];
  for (const [text, mask] of arguments[0]) {
    const code = qr.encodeQR(text, {mask});
    out.push({version: code.version, size: code.size, mask: code.mask, rows: code.modules.map((r) => r.map((c) => (c ? '1' : '0')).join(''))});
  }
  done(out);
}).catch((e) => done({error: String(e)}));
"""


def reference(text: str, version: int, mask: int) -> list[str]:
    code = qrcode.QRCode(version=version, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=mask, border=0)
    code.add_data(QRData(text.encode("utf-8"), mode=MODE_8BIT_BYTE))
    code.make(fit=False)
    return ["".join("1" if cell else "0" for cell in row) for row in code.get_matrix()]


def test_qr_matches_reference_encoder_for_every_mask(ui):
    cases = [[text, mask] for text in TEXTS for mask in range(8)]
    results = ui.driver.execute_async_script(ENCODE, cases)
    assert not isinstance(results, dict), results
    for (text, mask), result in zip(cases, results):
        assert result["size"] == 17 + 4 * result["version"]
        assert result["rows"] == reference(text, result["version"], mask), f"{text[:20]!r} mask {mask} version {result['version']}"
    versions = sorted({r["version"] for r in results})
    assert versions[0] == 1 and versions[-1] == 10, versions


def test_qr_version_is_the_smallest_that_fits(ui):
    script = """
const done = arguments[arguments.length - 1];
import('/js/qr.js').then((qr) => done([14, 15, 26, 27, 213, 214].map((n) => qr.versionFor(n))));
"""
    # Byte-mode capacities at level M: v1 14, v2 26, v10 213 bytes.
    assert ui.driver.execute_async_script(script) == [1, 2, 2, 3, 10, 0]


def test_qr_svg_draws_every_dark_module(ui):
    script = """
const done = arguments[arguments.length - 1];
import('/js/qr.js').then((qr) => {
  const code = qr.encodeQR(arguments[0]);
  const svg = qr.qrSvg(code, 'QR');
  const dark = code.modules.flat().filter(Boolean).length;
  done({version: code.version, size: code.size, mask: code.mask, rects: svg.querySelectorAll('.qr-modules rect').length, dark,
        dataSize: svg.dataset.size, viewBox: svg.getAttribute('viewBox'), rows: code.modules.map((r) => r.map((c) => (c ? '1' : '0')).join(''))});
});
"""
    text = "https://pay.example.invalid/q/0123456789abcdef"
    result = ui.driver.execute_async_script(script, text)
    assert result["rects"] == result["dark"]
    assert result["dataSize"] == str(17 + 4 * result["version"])
    assert result["viewBox"] == f"-4 -4 {result['size'] + 8} {result['size'] + 8}"
    # The automatically chosen mask gives the same symbol as the reference with that mask.
    assert result["rows"] == reference(text, result["version"], result["mask"])
