"""Nothing handed to the report as data or parameters is ever executed, read or scripted."""
import csv
import re
import shutil
from pathlib import Path

import nbformat
import papermill as pm
import pypdf
import pytest
from papermill.exceptions import PapermillExecutionError

from conftest import ROOT
from manpower.report.render import Options, render, resolve_params

PAYLOAD = "\"'); import os; os.system('touch /tmp/pwned') #"
MARKUP = '#read("/etc/passwd") #import "x" $x$ *bold* a_b_c @label <script>alert(1)</script> a|b [link](http://x)'


def flat_pdf(path):
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages))


def flat_html(path):
    import html

    text = re.sub(r"<[^>]+>", " ", Path(path).read_text())
    return re.sub(r"\s+", " ", html.unescape(text))


@pytest.fixture(autouse=True)
def no_pwned():
    Path("/tmp/pwned").unlink(missing_ok=True)
    yield
    assert not Path("/tmp/pwned").exists(), "a parameter value was executed"


def test_code_in_parameters_is_inert(tmp_path):
    title = PAYLOAD + "\nsecond line"
    name, params = resolve_params(ROOT, None, [], {"title": title, "subtitle": "$x$ *y* #read(\"/etc/passwd\")"})
    out = tmp_path / "r"
    render(Options(name, params, out=out, say=lambda s: None), ROOT)
    text = flat_pdf(out / "report.pdf")
    assert PAYLOAD in text and '$x$ *y* #read("/etc/passwd")' in text
    assert "root:" not in text
    assert PAYLOAD in flat_html(out / "report.html")
    # the same payload handed to a notebook by papermill is a string, refused as an unknown claimant
    with pytest.raises(PapermillExecutionError, match="unknown claimant"):
        pm.execute_notebook(str(ROOT / "notebooks" / "03_conscription.ipynb"), str(tmp_path / "o.ipynb"),
                            parameters={"claimants": [PAYLOAD], "output_dir": str(tmp_path / "c")},
                            kernel_name="python3", progress_bar=False, cwd=str(ROOT))


def _append_row(path, values):
    with open(path, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    with open(path, "a", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerow([values.get(c, "") for c in header])


def test_markup_in_data_is_printed_literally(tmp_path):
    root = tmp_path / "proj"
    for d in ("data", "seeds", "notebooks", "params"):
        shutil.copytree(ROOT / d, root / d)
    seed = root / "seeds" / "kyivindependent-2024-01-04-putin-citizenship-decree-foreign-fighters.txt"
    seed.write_text(seed.read_text() + f"\n\nPutin said: {MARKUP}\n", encoding="utf-8")
    _append_row(root / "data" / "events.csv", {
        "id": "ev-markup", "source_id": "kyivindependent-2024-01-04", "claimant": "Vladimir Putin",
        "claimant_type": "russian_official", "category": "statement", "label": "*bold* label $x$",
        "date": "2024-01-04", "date_precision": "day", "claim_date": "2024-01-04", "claim_date_precision": "day",
        "quote": f"Putin said: {MARKUP}"})
    src = root / "seeds" / "sources.csv"
    src.write_text(src.read_text().replace("foreign fighters,", 'foreign fighters #import "evil" <b>x</b> $y$,', 1))
    name, params = resolve_params(root, "standard", [], {})
    render(Options(name, params, say=lambda s: None), root)
    out = root / "reports" / "standard"
    text = flat_pdf(out / "report.pdf")
    # straight-quoted phrases inside a quotation print as nested (single curly) quotes
    nested = MARKUP.replace('"/etc/passwd"', "‘/etc/passwd’").replace('"x"', "‘x’")
    assert nested in text
    assert 'foreign fighters #import ‘evil’ <b>x</b> $y$' in text  # a headline is quoted too
    assert "root:" not in text
    html_raw = (out / "report.html").read_text()
    from manpower.report.htmlpage import TAP_SCRIPT

    # the only script is our own inline one (open a figure's evidence on tap); data adds none
    assert html_raw.lower().count("<script") == 1 and TAP_SCRIPT in html_raw and "<b>x</b>" not in html_raw
    assert nested in flat_html(out / "report.html")
    nb = nbformat.read(str(out / "notebooks" / "04_foreign.ipynb"), as_version=4)
    assert any("ev-markup" in str(c) or "@label" in str(c) for c in nb.cells)


def test_a_spreadsheet_formula_never_reaches_the_data_package(tmp_path):
    """A byline that a spreadsheet would run (`=cmd|' /C calc'!A0`) stops the loader, so the data
    package (and the report) never exports it; the message names the file, line and column."""
    from manpower.curated.data import load
    from manpower.errors import DataError

    for d in ("data", "seeds"):
        shutil.copytree(ROOT / d, tmp_path / d)
    src = tmp_path / "seeds" / "sources.csv"
    rows = list(csv.reader(src.open(newline="", encoding="utf-8")))
    rows[1][rows[0].index("byline")] = "=cmd|' /C calc'!A0"
    with open(src, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    with pytest.raises(DataError) as err:
        load(tmp_path / "data", tmp_path / "seeds", cache_dir=tmp_path / "cache")
    assert "sources.csv:2: column 'byline': starts with '='" in str(err.value)
