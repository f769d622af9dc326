"""The HTML report in a real browser (headless Chromium), at desktop and phone widths: nothing
scrolls sideways, every image decodes, every figure's evidence opens on focus inside the
screen, every chart has its data table and a valid CSV download. Skipped, with the reason
shown, where Chromium is not installed (`apt-get install chromium`); under CI=true that fails
instead (`.ci/run` installs it)."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser_check import WIDTHS, check, chromium  # noqa: E402
from tooling import require  # noqa: E402

from manpower.report.render import Options, render, resolve_params  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", autouse=True)
def _needs_chromium():
    require(chromium() is not None, "Chromium, which the browser test of the HTML needs,", "apt-get install chromium")


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "standard"
    name, params = resolve_params(ROOT, "standard", [], {})
    return render(Options(name, params, out=out, say=lambda s: None), ROOT).folder / "report.html"


@pytest.mark.parametrize("label", list(WIDTHS))
def test_the_html_reads_in_a_browser(html, label):
    width = WIDTHS[label]
    r = check(html, width)
    assert r["width"] == width, r
    assert r["scrollWidth"] <= width and r["bodyScrollWidth"] <= width, f"the page scrolls sideways at {width} px: {r}"
    drawn = len(list((html.parent / "charts").glob("*.csv")))  # a chart only where it has a point: not a fixed count
    assert drawn and r["images"] >= drawn and r["undecoded"] == 0, r
    assert r["figs"] >= 20 and not r["badFigs"], f"figures without working evidence: {r['badFigs'][:5]}"
    assert r["charts"] == drawn and r["downloads"] == r["charts"] and not r["badDownloads"], r
    assert r["chartTables"] == r["charts"], r
    assert r["external"] == 0, r
    assert not r["cropped"], f"charts cropped at {width} px: {r['cropped']}"
    if label == "phone":  # every chart in its phone layout, lettering at least the notes' size
        assert r["phoneCharts"] == r["charts"], r
        assert not r["illegible"], f"chart lettering under {r['notePx']:.1f} px: {r['illegible']}"
    else:
        assert r["phoneCharts"] == 0, r
