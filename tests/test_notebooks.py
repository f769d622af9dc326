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

from manpower.chapter import chart_outputs
from manpower.chapters import CHAPTERS, REPORT_MIME, chapter_name
from manpower.params import BY_NAME, for_chapter, parameters_cell

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
    """The cell is generated from params.SPEC (`python -m manpower.environment notebooks` writes
    it), so its defaults, types and help cannot drift from the spec; it runs as it is."""
    nb = nbformat.read(str(path), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert tagged[0].source == parameters_cell(CHAPTER[path]), (
        f"{path.name}: the parameters cell differs from params.SPEC; run python -m manpower.environment notebooks")
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


def test_every_notebook_executes_with_defaults_and_makes_charts(executed):
    nbs, dirs = executed
    for chapter in CHAPTER.values():
        nb = nbs[("default", chapter)]
        charts = chart_outputs(nb)
        assert charts, f"{chapter}: no chart"
        for c in charts:
            embedded, csv = Path(c["file"]), Path(c["csv"])
            assert embedded.suffix == ".pdf" and embedded.read_bytes()[:5] == b"%PDF-"  # vector in the PDF report
            png, svg = embedded.with_suffix(".png"), embedded.with_suffix(".svg")
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            assert b"<svg" in svg.read_bytes()[:2000]
            assert len(pd.read_csv(csv)) >= 1
            assert c["caption"]


def test_losses_chart_csv_holds_the_plotted_values(executed):
    nbs, dirs = executed
    csv = pd.read_csv(dirs["default"] / "charts" / "losses-estimates.csv")
    assert {302000.0, 315000.0} <= set(csv["value"].dropna())  # the seeds' estimates; more articles add more
    deserted = csv[csv["qualifier"] == "tens of thousands"].iloc[0]
    assert (deserted["low"], deserted["high"]) == (10000, 99999)


def test_narrative_numbers_come_with_citations(executed):
    nbs, _ = executed
    text = markdown_of(nbs[("default", "losses")])
    # each figure is a span carrying its evidence (evidence.py), then its citation
    assert re.search(r'\[approximately 302,000[^\]]*\]\{\.fig data-id="loss-ukmod-2023-11-killed-wounded" data-ev="[^"]+"\}\[\^huffpost-2024-01-04\]', text)
    assert re.search(r'\[315,000[^\]]*\]\{\.fig data-id="[^"]+" data-ev="[^"]+"\}\[\^huffpost-2024-01-04\]', text)
    assert "[^huffpost-2024-01-04]: HuffPost UK" in text
    assert "350,000" in text and "loss-usintel-share-prewar" in text  # derived, with its inputs


def test_as_of_drops_the_november_estimate_everywhere(executed):
    nbs, dirs = executed
    for chapter in ("summary", "losses"):
        assert "302,000" in markdown_of(nbs[("default", chapter)])
        assert "302,000" not in markdown_of(nbs[("october", chapter)])
    assert not (dirs["october"] / "charts" / "losses-estimates.csv").exists()
    assert "No loss estimates as known on 31 October 2023" in markdown_of(nbs[("october", "losses")])
    # the September 2022 mobilisation happened by then, but the articles reporting it appeared later
    assert "300,000" not in markdown_of(nbs[("october", "inflows")])
    assert "No figures on Russian mobilisation or recruitment as known on 31 October 2023" in markdown_of(nbs[("october", "inflows")])


def test_conscription_numbers(executed):
    nbs, dirs = executed
    text = markdown_of(nbs[("default", "conscription")])
    assert "18 to 30" in text and "18 to 27" in text and "30%" in text
    csv = pd.read_csv(dirs["default"] / "charts" / "conscription-age-window.csv")
    assert list(csv["cohorts"]) == [10, 13]


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
