"""The chapter notebooks: committed clean, parameterised per the spec, executed for real."""
import re
import ast
import os
import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pandas as pd
import papermill as pm
import pytest
from papermill.exceptions import PapermillExecutionError

from manpower.vocabulary.chapters import chart_outputs
from manpower.vocabulary.chapters import CHAPTERS, REPORT_MIME, chapter_name
from manpower.vocabulary.params import BY_NAME, for_chapter, parameters_cell

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = [ROOT / "notebooks" / f"{stem}.ipynb" for stem in CHAPTERS]
CHAPTER = {p: chapter_name(p.stem) for p in NOTEBOOKS}


def markdown_of(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            parts.append(out.get("data", {}).get(REPORT_MIME, ""))
    return "\n".join(parts)


def test_there_are_six_chapters():
    assert [CHAPTER[p] for p in NOTEBOOKS] == ["summary", "losses", "inflows", "conscription", "foreign", "balance"]
    assert all(p.is_file() for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_starts_the_chapter_its_file_names(path):
    """The chapter's name is derived from its file name (chapters.chapter_name); the one place a
    notebook repeats it, `Chapter.start("...")`, must agree."""
    import re

    source = "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells)
    assert re.findall(r'Chapter\.start\("([a-z_]+)"', source) == [CHAPTER[path]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name}: a code cell has outputs"
            assert cell.get("execution_count") is None, f"{path.name}: a code cell has an execution count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_parameters_cell_is_what_the_spec_gives(path):
    """The cell is generated from params.SPEC (`python -m manpower.report.environment notebooks` writes
    it), so its defaults, types and help cannot drift from the spec; it runs as it is."""
    nb = nbformat.read(str(path), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert tagged[0].source == parameters_cell(CHAPTER[path]), (
        f"{path.name}: the parameters cell differs from params.SPEC; run python -m manpower.report.environment notebooks")
    namespace: dict = {}
    exec(tagged[0].source, namespace)
    assert {k: v for k, v in namespace.items() if k in BY_NAME} == {p.name: p.default for p in for_chapter(CHAPTER[path])}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_py_twin_in_sync(path):
    import jupytext

    twin = path.with_suffix(".py")
    a = [(c.cell_type, c.source) for c in jupytext.read(path).cells]
    b = [(c.cell_type, c.source) for c in jupytext.read(twin).cells]
    assert a == b, f"{twin.name} and {path.name} differ: run jupytext --sync {path}"


def _run(path, tmp, params):
    out = tmp / f"{path.stem}.ipynb"
    charts = tmp / "charts"
    # no cwd: papermill's chdir is process-wide, and two threads restoring it in turn can start a
    # kernel in another folder (another project's data); the fixture sets the folder once instead
    pm.execute_notebook(str(path), str(out), parameters={**params, "output_dir": str(charts)},
                        kernel_name="python3", progress_bar=False, cwd=None)
    return nbformat.read(str(out), as_version=4)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook executed with defaults and with as_of=2023-10-31 (in parallel)."""
    runs = {"default": {}, "october": {"as_of": "2023-10-31"}}
    dirs = {k: tmp_path_factory.mktemp(k) for k in runs}
    jobs = [(k, p) for k in runs for p in NOTEBOOKS]
    before = os.getcwd()
    os.chdir(ROOT)  # the kernels start here, as a user's `papermill` from the project root does
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda kp: _run(kp[1], dirs[kp[0]], runs[kp[0]]), jobs))
    finally:
        os.chdir(before)
    out = {}
    for (k, p), nb in zip(jobs, results):
        out[(k, CHAPTER[p])] = nb
    return out, dirs


def _targets_chart_adds() -> bool:
    """Whether the shipped data's foreign chapter has a targets chart to draw (chapter_foreign.chart_adds)."""
    from manpower.notebook import chapter_foreign as FO
    from manpower.notebook.chapter import LIST_LIMIT
    from manpower.curated.data import load
    from manpower.analysis.listing import cap_keeping_conflicts

    ds = load(ROOT / "data", ROOT / "seeds")
    targets = FO.targets(ds)
    return FO.chart_adds(targets, cap_keeping_conflicts(targets, LIST_LIMIT)[0])


def test_every_notebook_executes_with_defaults_and_makes_charts(executed):
    nbs, dirs = executed
    for chapter in CHAPTER.values():
        nb = nbs[("default", chapter)]
        charts = chart_outputs(nb)
        if not charts and chapter == "foreign" and not _targets_chart_adds():
            continue  # the list of targets says all a chart of them would (issue 19): no chart
        assert charts, f"{chapter}: no chart"
        for c in charts:
            embedded, csv = Path(c["file"]), Path(c["csv"])
            assert embedded.suffix == ".pdf" and embedded.read_bytes()[:5] == b"%PDF-"  # vector in the PDF report
            png, svg = embedded.with_suffix(".png"), embedded.with_suffix(".svg")
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert b"<svg" in svg.read_bytes()[:2000]
            assert len(pd.read_csv(csv)) >= 1
            assert c["caption"]


LOSS = "loss-ukmod-2023-11-killed-wounded"  # a shipped row: while it is in data/, it reads the same


def ids_in(markdown: str) -> set[str]:
    from manpower.writing.evidence import used_ids

    return set(used_ids(markdown))


def test_losses_chart_csv_holds_the_plotted_values(executed):
    """The chart's CSV holds, for every figure drawn, the figure as curated (whatever the data)."""
    from manpower.curated.data import load

    nbs, dirs = executed
    csv = pd.read_csv(dirs["default"] / "charts" / "losses-estimates.csv")
    ds = load()
    assert len(csv) and csv["id"].notna().all()
    for _, r in csv.iterrows():
        row = ds.row(r["id"])
        for col in ("value", "low", "high"):
            assert (pd.isna(r[col]) and pd.isna(row[col])) or float(r[col]) == float(row[col]), (r["id"], col)
    if "loss-ukmod-deserted" in set(csv["id"]):
        deserted = csv[csv["id"] == "loss-ukmod-deserted"].iloc[0]
        assert (deserted["low"], deserted["high"], deserted["qualifier"]) == (10000, 99999, "tens of thousands")


def test_narrative_numbers_come_with_citations(executed):
    nbs, _ = executed
    text = markdown_of(nbs[("default", "losses")])
    # each figure is a span carrying its evidence (evidence.py), then its citation
    spans = re.findall(r'\]\{\.fig data-id="([^"]+)" data-ev="[^"]+"\}(\[\^[^\]]+\])?', text)
    assert spans and all(cite for _, cite in spans), [i for i, cite in spans if not cite]
    if LOSS in ids_in(text):
        assert re.search(r'\[approximately 302,000[^\]]*\]\{\.fig data-id="loss-ukmod-2023-11-killed-wounded" '
                         r'data-ev="[^"]+"\}\[\^huffpost-2024-01-04\]', text)
    assert "[^huffpost-2024-01-04]: HuffPost UK" in text
    derived = re.findall(r'\{\.fig \.derived data-ev="[^"]+"\}\^\[Derived: [^\]]*Inputs: ([^\]`]*)\]', text)
    assert derived  # a derived figure names its formula and inputs: by claimant and date, never by id (issue 19)
    assert all(not re.search(r"\b(loss|inflow)-[a-z0-9-]+", inputs) for inputs in derived), derived


def test_as_of_drops_the_november_estimate_everywhere(executed):
    """A figure claimed after as_of (the UK MoD's November 2023 estimate) is nowhere, and one
    claimed before it but published after (the September 2022 mobilisation) neither; the default
    run prints it or says where the earlier figures it leaves out are."""
    nbs, dirs = executed
    for chapter in CHAPTER.values():
        october = markdown_of(nbs[("october", chapter)])
        assert LOSS not in ids_in(october) and "inflow-ru-partial-mobilisation-2022-09" not in ids_in(october)
    default = markdown_of(nbs[("default", "losses")])
    assert LOSS in ids_in(default) or "listed in figures.csv beside this report" in default
    for csv in (dirs["october"] / "charts").glob("*.csv"):
        ids = set(pd.read_csv(csv).get("id", pd.Series(dtype=str)).dropna())
        assert LOSS not in ids, csv.name


def test_conscription_numbers(executed):
    """The chapter states Russia's windows before and after as curated, and the chart counts
    cohorts from them (both end ages included), whichever rows the data holds."""
    from manpower.curated.data import load
    from manpower.analysis.figures import age_window
    from manpower.writing.narrative import fmt_figure

    nbs, dirs = executed
    text = markdown_of(nbs[("default", "conscription")])
    w = age_window(load(), "Russia")
    if w is None:
        return
    assert fmt_figure(w["after"]) in text and fmt_figure(w["before"]) in text
    if w["added"] is not None:
        b, a = w["before"], w["after"]
        csv = pd.read_csv(dirs["default"] / "charts" / "conscription-age-window.csv")
        assert list(csv["cohorts"]) == [b["high"] - b["low"] + 1, a["high"] - a["low"] + 1]
        assert f"{w['widening'].value:g}%" in text


@pytest.mark.parametrize("params, message", [
    ({"bogus": 1}, "unknown parameter 'bogus'"),
    ({"dpi": "abc"}, "parameter 'dpi' must be a whole number"),
    ({"as_of": "2023-02-30"}, "parameter 'as_of' must be a date YYYY-MM-DD"),
])
def test_invalid_parameters_stop_the_run_clearly(tmp_path, params, message):
    path = ROOT / "notebooks" / "03_conscription.ipynb"
    with pytest.raises(PapermillExecutionError) as err:
        _run(path, tmp_path, params)
    assert message in str(err.value.evalue)
    assert err.value.ename == "ChapterError"


def test_plain_papermill_cli_from_the_project_root(tmp_path):
    out = tmp_path / "out.ipynb"
    bin_dir = Path(sys.executable).parent
    r = subprocess.run([str(bin_dir / "papermill"), "notebooks/03_conscription.ipynb", str(out),
                        "-p", "as_of", "2023-10-31", "-p", "output_dir", str(tmp_path / "c"), "--no-progress-bar"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "No figures on the conscription age window" in markdown_of(nbformat.read(str(out), as_version=4))


def test_papermill_help_notebook_shows_every_parameters_type_and_help():
    bin_dir = Path(sys.executable).parent
    r = subprocess.run([str(bin_dir / "papermill"), "--help-notebook", "notebooks/01_losses.ipynb"],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Unknown type" not in r.stdout
    for p in for_chapter("losses"):
        assert f"  {p.name}: {p.type} (default " in r.stdout
        assert p.help.split("=")[0].strip() in r.stdout
