"""Open the HTML report in headless Chromium and read back what a reader would meet.

A copy of the report gets a small script that runs on the page's `load` event (every data: image
is then loaded) and writes its findings as JSON into the DOM; `chromium --dump-dom` prints the DOM
once the page has loaded, so the check synchronises on that event, never on a sleep. The same
script can open a figure's evidence and a chart's data table for a screenshot.

    python tests/browser_check.py report.html            # the checks at 1400 and 390 px, as JSON
    python tests/browser_check.py report.html docs/      # and docs/html-desktop.png, docs/html-phone.png
"""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

WIDTHS = {"desktop": 1400, "phone": 390}
CHECK = r"""
<script>
window.addEventListener('load', function () {
  var out = {errors: []};
  var root = document.documentElement;
  out.width = root.clientWidth;
  out.scrollWidth = root.scrollWidth;
  out.bodyScrollWidth = document.body.scrollWidth;
  var imgs = Array.prototype.slice.call(document.images);
  out.images = imgs.length;
  out.undecoded = imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0); }).length;
  var figs = Array.prototype.slice.call(document.querySelectorAll('.fig'));
  out.figs = figs.length;
  out.badFigs = [];
  figs.forEach(function (f, k) {
    var ev = f.querySelector('.ev');
    var ok = ev && f.tabIndex === 0 && ev.textContent.trim().length > 10;
    if (ok) {
      f.focus();
      var st = getComputedStyle(ev), r = ev.getBoundingClientRect();
      ok = st.display !== 'none' && r.width > 0 && r.left >= -1 && r.right <= root.clientWidth + 1;
      f.blur();
      ok = ok && getComputedStyle(ev).display === 'none';
    }
    if (!ok) out.badFigs.push(k + ': ' + f.textContent.slice(0, 40));
  });
  var links = Array.prototype.slice.call(document.querySelectorAll('a[download]'));
  out.downloads = links.length;
  out.badDownloads = [];
  links.forEach(function (a) {
    var m = /^data:text\/csv;charset=utf-8;base64,(.*)$/.exec(a.getAttribute('href') || '');
    var ok = false;
    if (m) { try { var t = atob(m[1]); var lines = t.trim().split('\n'); ok = lines.length >= 2 && lines[0].indexOf(',') > 0; } catch (e) {} }
    if (!ok) out.badDownloads.push(a.getAttribute('download'));
  });
  out.charts = document.querySelectorAll('figure img').length;
  // every chart whole inside the screen, and on a phone its lettering no smaller than the notes' type
  out.cropped = []; out.illegible = []; out.phoneCharts = 0;
  out.notePx = 0.85 * parseFloat(getComputedStyle(document.body).fontSize);
  Array.prototype.forEach.call(document.querySelectorAll('figure img'), function (img, k) {
    var r = img.getBoundingClientRect(), box = (img.closest('.chart-box') || img.parentElement).getBoundingClientRect();
    if (r.width < 1 || r.left < -1 || r.right > root.clientWidth + 1 || r.right > box.right + 1) {
      out.cropped.push(k + ': ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + root.clientWidth);
    }
    var source = img.parentElement.tagName === 'PICTURE' ? img.parentElement.querySelector('source') : null;
    if (source && img.currentSrc === source.getAttribute('srcset')) {
      out.phoneCharts += 1;
      var px = parseFloat(img.getAttribute('data-phone-min-pt')) * r.width / parseFloat(img.getAttribute('data-phone-width-pt'));
      if (!(px >= out.notePx - 0.05)) { out.illegible.push(k + ': ' + px.toFixed(1) + ' px'); }
    }
  });
  out.chartTables = document.querySelectorAll('figure .chart-data details table').length;
  out.external = Array.prototype.slice.call(document.querySelectorAll('[src],[href]')).filter(function (e) {
    var u = e.getAttribute('src') || e.getAttribute('href'); return /^(https?:)?\/\//.test(u) && e.tagName !== 'A';
  }).length;
  var host = window.parent !== window ? window.parent.document : document;
  var pre = host.createElement('pre');
  pre.id = 'mp-result';
  pre.textContent = JSON.stringify(out);
  host.body.appendChild(pre);
  if (location.hash === '#mp-show') {  // for a screenshot: a chart's table open, a figure's evidence open
    pre.remove();
    var charts = document.querySelectorAll('figure');
    var chart = charts[Math.min(1, charts.length - 1)];
    if (chart) {
      var d = chart.querySelector('.chart-data details'); if (d) { d.open = true; }
      var before = Array.prototype.filter.call(document.querySelectorAll('.fig:not(.derived)'), function (f) {
        return f.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING; });
      var f = before[before.length - 1];
      if (f) { f.classList.add('open'); f.scrollIntoView({block: 'start'}); window.scrollBy(0, -60); }
    }
  }
});
</script>
"""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if path := shutil.which(name):
            return path
    return None


def _args(exe: str, profile: str, width: int, height: int) -> list[str]:
    return [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
            "--allow-file-access-from-files", f"--user-data-dir={profile}",
            f"--window-size={max(width, MIN_WINDOW)},{height}", "--virtual-time-budget=20000"]


MIN_WINDOW = 500  # headless Chromium will not make a window narrower: narrower pages go in an iframe


def _instrumented(report: Path, work: Path, width: int, height: int, hash: str = "", frame: bool = False) -> Path:
    page = work / "page.html"
    text = report.read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    if width >= MIN_WINDOW and not frame:
        return page
    frame = work / "frame.html"
    frame.write_text(f'<!doctype html><html><body style="margin:0"><iframe src="page.html{hash}" '
                     f'style="border:0;width:{width}px;height:{height}px;display:block"></iframe></body></html>',
                     encoding="utf-8")
    return frame


def check(report: Path, width: int, exe: str | None = None) -> dict:
    """The page's own report of itself at `width` px: overflow, images, hovers, downloads."""
    exe = exe or chromium()
    with tempfile.TemporaryDirectory(prefix="mp-chromium-") as tmp:
        page = _instrumented(Path(report), Path(tmp), width, 900)
        r = subprocess.run([*_args(exe, f"{tmp}/profile", width, 900), "--dump-dom", page.as_uri()],
                           capture_output=True, text=True, timeout=180)
    m = re.search(r'<pre id="mp-result">(.*?)</pre>', r.stdout, re.DOTALL)
    if not m:
        raise RuntimeError(f"chromium printed no result (exit {r.returncode}): {r.stderr.strip()[-500:]}")
    return json.loads(html.unescape(m.group(1)))


def screenshot(report: Path, out_png: Path, width: int, height: int, exe: str | None = None) -> None:
    """A screenshot with a figure's evidence and a chart's data table open."""
    exe = exe or chromium()
    with tempfile.TemporaryDirectory(prefix="mp-chromium-") as tmp:
        page = _instrumented(Path(report), Path(tmp), width, height, "#mp-show", frame=True)
        subprocess.run([*_args(exe, f"{tmp}/profile", width, height), f"--screenshot={Path(out_png).resolve()}",
                        page.as_uri() + "#mp-show"], capture_output=True, text=True, timeout=180, check=True)
    if width < MIN_WINDOW:  # the window is wider than the page's frame
        from PIL import Image

        with Image.open(out_png) as im:
            im.crop((0, 0, width, height)).save(out_png)


if __name__ == "__main__":
    report = Path(sys.argv[1])
    for label, w in WIDTHS.items():
        print(label, json.dumps(check(report, w)))
    if len(sys.argv) > 2:
        docs = Path(sys.argv[2])
        docs.mkdir(parents=True, exist_ok=True)
        screenshot(report, docs / "html-desktop.png", 1400, 1000)
        screenshot(report, docs / "html-phone.png", 390, 844)
        print("screenshots in", docs)
