"""Scale: a synthetic dataset far larger than the real one validates and renders into a report
whose chapters stay readable (recent figures only, bounded source lines) and whose appendix
holds every figure. Timings are measured by `make bench`, not here."""
import csv
import io
import re
import shutil
from pathlib import Path

import pypdf
import pytest
from conftest import pdf_charts

from manpower.report.appendix import report_ids
from manpower.curation.check import run_check
from manpower.curated.data import load
from manpower.report.render import Options, render, resolve_params
from manpower.curated.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]


def test_the_generator_writes_1000_sources_and_20000_figures_that_pass_check(tmp_path):
    generate(tmp_path, 1000, 20000)
    out, err = io.StringIO(), io.StringIO()
    assert run_check(tmp_path / "data", tmp_path / "seeds", out=out, err=err) == 0, err.getvalue()[:2000]
    ds = load(tmp_path / "data", tmp_path / "seeds")
    assert len(ds.sources) == 1000
    assert sum(len(getattr(ds, t)) for t in ("losses", "inflows", "conscription", "foreign", "events")) == 20000
    assert "1000 seed(s) read" in out.getvalue()


def page_of(pages: list[str], heading: str) -> int:
    """The page on which an appendix begins (not the table of contents that names it)."""
    return next(i for i, t in enumerate(pages) if heading in re.sub(r"\s+", " ", t) and "Contents" not in t)


def last_page_of(pages: list[str], heading: str) -> int:
    """The page on which a section begins: the last page naming it (the contents may run over pages)."""
    return [i for i, t in enumerate(pages) if heading in re.sub(r"\s+", " ", t)][-1]


@pytest.fixture(scope="module")
def large_report(tmp_path_factory):
    root = tmp_path_factory.mktemp("large")
    for d in ("notebooks", "params"):
        shutil.copytree(ROOT / d, root / d)
    generate(root, 100, 1000, seed=1)
    name, params = resolve_params(root, "standard", [], {})
    result = render(Options(name, params, out=root / "reports" / "standard", force=True, say=lambda s: None), root)
    reader = pypdf.PdfReader(str(result.folder / "report.pdf"))
    return root, reader, [p.extract_text() or "" for p in reader.pages]


def test_the_appendix_lists_the_figures_used_and_the_folder_ships_every_figure(large_report):
    root, reader, pages = large_report
    ds = load(root / "data", root / "seeds")
    ids = set().union(*(set(getattr(ds, t)["id"]) for t in ("losses", "inflows", "conscription", "foreign", "events")))
    folder = root / "reports" / "standard"
    start = last_page_of(pages, "Appendix C: Figures used")
    end = last_page_of(pages, "Appendix D: Parameters")
    # chapters may share a page: the appendix runs from its heading to Appendix D's, on that page too
    text = re.sub(r"\s+", " ", " ".join(pages[start:end + 1]))
    text = text[text.rindex("Appendix C: Figures used"):text.rindex("Appendix D: Parameters")]
    appendix = re.sub(r"[\s\u00ad]+", "", text)  # ids may be broken across lines
    listed = {i for i in ids if i.replace("-", "") in appendix.replace("-", "")}
    # the figures the chapters print or chart are listed, the rest counted and shipped as CSV
    used = set(report_ids([], folder / "charts"))  # the figures drawn in charts
    assert used and used <= listed, sorted(used - listed)[:3]
    assert len(listed) < len(ids) / 2
    words = re.sub(r"\s+", " ", text)
    assert re.search(rf"of the {len(ids):,} curated rows in this selection are printed, quoted or charted; the other [0-9,]+ are in "
                     "the selection but neither printed nor quoted, so not listed", words), words[:400]
    assert "figures.csv" in words and "datapackage.json" in words
    with open(folder / "figures.csv", newline="", encoding="utf-8") as f:
        shipped = {r["id"] for r in csv.DictReader(f)}
    assert shipped == ids
    assert end - start < 20  # the appendix no longer grows with the data


def test_chapters_of_a_large_report_stay_readable(large_report):
    root, reader, pages = large_report
    start = page_of(pages, "Appendix A: Methodology")
    chapters = pages[:start]
    text = re.sub(r"[\s\u00ad]+", " ", " ".join(chapters))
    assert "more (all in figures.csv)" in text  # derived figures name a few input ids, not hundreds
    # no chapter page is a wall of ids or outlet names
    for n, t in enumerate(chapters, 1):
        assert len(re.findall(r"synth-\d{6}", t)) <= 30, f"page {n} lists {len(re.findall(r'synth-[0-9]{6}', t))} ids"
        assert len(re.findall(r"Synthetic Outlet", t)) <= 30, f"page {n} names too many outlets"
    # every chapter still has its chart, and no chart grew tall with a source line naming 200 outlets
    images = sum(pdf_charts(p) for p in reader.pages[:start])
    assert images >= 6
    for png in sorted((root / "reports" / "standard" / "charts").glob("*.png")):
        head = png.read_bytes()[16:24]
        width, height = int.from_bytes(head[:4], "big"), int.from_bytes(head[4:], "big")
        assert height <= 1.5 * width, f"{png.name} is {width}x{height} pixels"  # 12 rows at most
